package dev.loadbearing.merge;

import dev.loadbearing.compare.InputException;
import dev.loadbearing.history.HistoryRecorder;
import dev.loadbearing.report.RunReport;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the run folders of one split run into one:
 * {@code mvn exec:java@merge -Druns=<folder>,<folder>,...} (or {@code -Druns=<parent folder>}), written to
 * {@code -Dmerge.out} or {@code target/gatling/<simulation>-merged-<time>}. Exit 0 every SLA met, 1 one broken,
 * 2 bad input (one line naming what is wrong). docs/DISTRIBUTED.md.
 */
public final class MergeCli {
  public static final int PASS = 0;
  public static final int SLA_BROKEN = 1;
  public static final int INPUT_ERROR = 2;
  static final String USAGE = "Usage: mvn exec:java@merge -Druns=<run folder>,<run folder>,... "
      + "(or -Druns=<folder holding them>) [-Dmerge.out=<folder>]";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final PrintStream err;

  public MergeCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(Map<String, String> properties) {
    String runs = properties.getOrDefault("runs", "").strip();
    if (runs.isEmpty()) {
      err.println("merge: no -Druns given. " + USAGE);
      return INPUT_ERROR;
    }
    try {
      List<Path> given = Arrays.stream(runs.split(",")).map(String::strip).filter(s -> !s.isEmpty())
          .map(Path::of).toList();
      long t0 = System.nanoTime();
      Parts parts = Parts.load(given);
      Path folder = outFolder(properties.get("merge.out"), parts.stats().get(0).run().simulationClass());
      StatsReport merged = MergedRun.of(parts);
      StatsExporter.write(folder.resolve(StatsExporter.FILE_NAME), merged);
      RunReport.write(folder, parts.logs(), List.of());
      out.printf(Locale.ROOT, "Loadbearing merge: %d parts, %d requests, into %s (%d ms)%n", parts.stats().size(),
          merged.global().count(), folder, (System.nanoTime() - t0) / 1_000_000);
      List<StatsReport.SlaResult> broken = merged.slas().stream().filter(s -> !s.passed()).toList();
      broken.forEach(s -> out.println("Loadbearing merge: SLA broken: " + s.scope() + " " + s.metric() + " "
          + s.operator() + " " + s.threshold() + " (actual " + s.actual() + ")"));
      out.println("Loadbearing merge: " + (broken.isEmpty() ? "every SLA met" : broken.size() + " SLA(s) broken"));
      // The whole run, never its parts (HistoryRecorder); a history that fails only warns.
      HistoryRecorder.record(merged, properties, out, err);
      return broken.isEmpty() ? PASS : SLA_BROKEN;
    } catch (MergeException | InputException | UncheckedIOException e) {
      err.println("merge: " + e.getMessage());
      return INPUT_ERROR;
    } catch (IllegalArgumentException e) {
      // A row without a histogram, a histogram that does not decode: the parts cannot be merged exactly.
      err.println("merge: cannot merge exactly: " + e.getMessage());
      return INPUT_ERROR;
    }
  }

  private static Path outFolder(String given, String simulationClass) {
    if (given != null && !given.isBlank()) {
      return Path.of(given.strip());
    }
    String simple = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    return Path.of("target", "gatling", simple.toLowerCase(Locale.ROOT) + "-merged-" + STAMP.format(Instant.now()));
  }
}
