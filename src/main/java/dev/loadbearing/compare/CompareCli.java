package dev.loadbearing.compare;

import com.typesafe.config.ConfigException;
import dev.loadbearing.compare.CompareOptions.AgainstHistory;
import dev.loadbearing.compare.CompareOptions.UsageException;
import dev.loadbearing.diagnosis.Validity;
import dev.loadbearing.history.HistoryException;
import dev.loadbearing.history.RunHistory;
import dev.loadbearing.history.RunShape;
import dev.loadbearing.stats.RunFolders;
import dev.loadbearing.stats.RunManifestException;
import dev.loadbearing.stats.SimulationLogException;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.BaselineInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comparator's command line: writers injected, {@link #run} returns the exit code (0 / 1 / 2). */
public final class CompareCli {
  public static final int PASS = 0;
  public static final int REGRESSION = 1;
  public static final int INPUT_ERROR = 2;

  private final PrintStream out;
  private final PrintStream err;

  public CompareCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parses the options, loads the tolerances from compare.conf (with -D overrides) and runs. */
  public int run(Map<String, String> properties, String[] args) {
    CompareOptions options;
    Tolerances tolerances;
    try {
      options = CompareOptions.parse(properties, args);
    } catch (UsageException e) {
      err.println("compare: " + e.getMessage());
      err.println(CompareOptions.USAGE);
      return INPUT_ERROR;
    }
    try {
      tolerances = Tolerances.load(CompareOptions.merged(properties, args));
    } catch (IllegalArgumentException e) {
      err.println("compare: " + e.getMessage());
      return INPUT_ERROR;
    } catch (ConfigException e) {
      // Parsing or resolving compare.conf itself (a bad -D value, an unresolved ${...}), outside Tolerances.from.
      err.println("compare: compare.conf: " + oneLine(e.getMessage()));
      return INPUT_ERROR;
    }
    return run(options, tolerances);
  }

  public int run(CompareOptions options, Tolerances tolerances) {
    try {
      if (options.baselineUpdate()) {
        return updateBaseline(options);
      }
      Comparison comparison;
      if (options.history() != null) {
        comparison = againstHistory(options, tolerances);
      } else if (!options.runs().isEmpty()) {
        Path a = options.runs().get(0);
        Path b = options.runs().get(1);
        comparison = Comparison.of(statsOf(a), a.toString(), statsOf(b), b.toString(), tolerances);
      } else {
        Path baselineFile = baselineFile(options);
        if (!Files.isRegularFile(baselineFile)) {
          err.println("compare: no baseline " + baselineFile + " for " + options.simulation()
              + ". Create it from the newest run with:");
          err.println("  mvn gatling:test -Dsimulation=" + options.simulation() + "   (if there is no run yet)");
          err.println("  mvn exec:java@compare -Dsimulation=" + options.simulation() + " -Dbaseline.update=true");
          err.println("and commit " + baselineFile + ".");
          return INPUT_ERROR;
        }
        Path run = newestRun(options);
        StatsReport baseline = StatsFiles.load(baselineFile);
        comparison = Comparison.of(baseline, baselineFile.toString(), statsOf(run), run.toString(), tolerances);
      }
      write(options, comparison);
      return comparison.regressed() ? REGRESSION : PASS;
    } catch (InputException | SimulationLogException | RunManifestException e) {
      err.println("compare: " + oneLine(e.getMessage()));
      return INPUT_ERROR;
    } catch (UncheckedIOException | HistoryException e) {
      err.println("compare: " + oneLine(e.getMessage()));
      return INPUT_ERROR;
    } catch (RuntimeException | StackOverflowError e) {
      // A bug, not a verdict: exit 1 would read as "regression" in CI. One line first, the trace for the report.
      err.println("compare: internal error, no verdict: " + oneLine(String.valueOf(e))
          + " (please report it with the stack trace below)");
      e.printStackTrace(err);
      return INPUT_ERROR;
    }
  }

  /** The first line of a message (Jackson and HOCON messages carry a location on a second line). */
  static String oneLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private void write(CompareOptions options, Comparison comparison) {
    out.print(Renderers.console(comparison));
    try {
      Files.createDirectories(options.output());
      Path md = writeFile(options.output().resolve("compare.md"), Renderers.markdown(comparison));
      Path xml = writeFile(options.output().resolve("compare-junit.xml"), Renderers.junit(comparison));
      Path html = writeFile(options.output().resolve("compare.html"), Renderers.html(comparison));
      out.println("Written: " + md + ", " + xml + ", " + html);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the comparison under " + options.output() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest run against the last K runs of the same shape in the history that started before it (the run
   * itself left out, matched by run folder, and so are runs that measured their load generator).
   */
  private Comparison againstHistory(CompareOptions options, Tolerances tolerances) {
    AgainstHistory h = options.history();
    Path run = newestRun(options);
    StatsReport current = statsOf(run);
    RunHistory history = openHistory(h);
    int wanted = Math.max(h.runs(), h.driftRuns() - 1);
    List<StatsReport> previous = new ArrayList<>();
    List<StatsReport> fetched = history.newest(options.simulation(), RunShape.of(current), wanted + 1);
    if (fetched.stream().anyMatch(r -> r.run().start() > current.run().start())) {
      // An older run judged again: the runs before it lie further back.
      fetched = history.newest(options.simulation(), RunShape.of(current), Integer.MAX_VALUE);
    }
    for (StatsReport r : fetched) {
      Optional<String> invalid = Validity.invalidBecause(r.diagnosis());
      if (invalid.isPresent()) {
        err.println("compare: warning: history run " + r.run().runFolder() + " left out: " + invalid.get());
      } else if (!r.run().runFolder().equals(current.run().runFolder()) && r.run().start() < current.run().start()) {
        // Only runs before it: a run re-judged later is not compared with what came after it.
        previous.add(r);
      }
    }
    List<StatsReport> used = previous.subList(Math.max(0, previous.size() - wanted), previous.size());
    if (used.size() < AgainstHistory.MIN_RUNS) {
      throw new InputException(history.describe() + " has " + used.size() + " valid run" + (used.size() == 1 ? "" : "s")
          + " of " + options.simulation() + " of the newest run's shape besides it; -Dcompare.against=history needs "
          + AgainstHistory.MIN_RUNS + " or more. Record more runs of the same shape (mvn gatling:test -Dsimulation="
          + options.simulation() + " with the same options), or compare with the baseline: -Dcompare.against=baseline");
    }
    HistoryBaseline reference = HistoryBaseline.of(used, current, h.runs(), h.driftRuns(), tolerances);
    String source = history.describe() + ": median of the last " + Math.min(h.runs(), used.size())
        + " runs of this shape";
    return Comparison.of(reference.reference(), source, current, run.toString(), tolerances, reference.noise(),
        reference.drift());
  }

  /** The one place the history store is chosen: the folder store for now (history.dir). */
  private RunHistory openHistory(AgainstHistory h) {
    // Present: CompareOptions refuses -Dcompare.against=history with -Dhistory=false.
    return h.store().open(warning -> err.println("compare: warning: " + warning)).orElseThrow();
  }

  private int updateBaseline(CompareOptions options) throws UncheckedIOException {
    Path run = newestRun(options);
    StatsReport stats = statsOf(run);
    BaselineInfo info = new BaselineInfo(System.currentTimeMillis(), run.getFileName().toString(),
        stats.run().machine(), stats.run().injector());
    Path file = baselineFile(options);
    StatsExporter.write(file, stats.withBaseline(info));
    // Promoted still (the user asked), but never silently: every comparison against it will say NOT VALID.
    Validity.invalidBecause(stats.diagnosis()).ifPresent(why -> err.println("compare: warning: run "
        + run.getFileName() + " is not a valid baseline: " + why + ". Run again with less load or a bigger injector."));
    StatsReport.Machine m = stats.run().machine();
    out.println("Baseline " + file + " now holds run " + run.getFileName()
        + (m == null ? "" : " (machine: " + m.cores() + " cores, " + (m.memoryBytes() >> 30) + " GiB, " + m.os() + ")")
        + ". Commit it to make it the reference.");
    return PASS;
  }

  private static Path baselineFile(CompareOptions options) {
    return options.baselines().resolve(options.simulation() + ".json");
  }

  private static Path newestRun(CompareOptions options) {
    return RunFolders.newestRun(options.results(), options.simulation()).orElseThrow(() -> new InputException(
        "no run of " + options.simulation() + "Simulation under " + options.results()
            + "; run one first: mvn gatling:test -Dsimulation=" + options.simulation()));
  }

  /** A stats.json file, or a run folder's stats.json (exported now from its simulation.log if absent). */
  static StatsReport statsOf(Path path) {
    if (Files.isRegularFile(path)) {
      return StatsFiles.load(path);
    }
    if (!Files.isDirectory(path)) {
      throw new InputException(path + ": no such run folder or stats.json");
    }
    Path stats = path.resolve(StatsExporter.FILE_NAME);
    if (!Files.isRegularFile(stats)) {
      if (!Files.isRegularFile(path.resolve("simulation.log"))) {
        throw new InputException(path + ": neither stats.json nor simulation.log in it; is it a Gatling run folder?");
      }
      StatsExporter.export(path);
    }
    return StatsFiles.load(stats);
  }

  private static Path writeFile(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
