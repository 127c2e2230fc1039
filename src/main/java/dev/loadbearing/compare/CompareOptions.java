package dev.loadbearing.compare;

import dev.loadbearing.history.Drift;
import dev.loadbearing.history.HistoryException;
import dev.loadbearing.history.HistoryOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparator's options, parsed once from -D system properties (and {@code key=value} arguments, which
 * win).
 *
 * @param simulation     {@code Spike}: newest run of SpikeSimulation against {@code baselines/Spike.json}
 * @param runs           two run folders (or stats.json files) to compare, baseline first; empty otherwise
 * @param baselineUpdate promote the newest run of {@code simulation} to its baseline instead of comparing
 * @param baselines      the folder of baseline files
 * @param results        Gatling's results folder
 * @param output         where compare.md, compare-junit.xml and compare.html go
 * @param history        with {@code -Dcompare.against=history}: where the history is and how many runs to use;
 *                       null against the baseline
 */
public record CompareOptions(String simulation, List<Path> runs, boolean baselineUpdate, Path baselines, Path results,
                             Path output, AgainstHistory history) {

  /**
   * The history as baseline ({@code -Dcompare.against=history}).
   *
   * @param dir       the history folder ({@code -Dhistory.dir}, default {@code target/loadbearing/history})
   * @param runs      K: the newest run is judged against the last K runs before it
   *                  ({@code -Dcompare.history.runs}, default 5, at least {@value #MIN_RUNS})
   * @param driftRuns N: a steady creep is looked for over the newest run and the N - 1 before it
   *                  ({@code -Dcompare.history.drift-runs}, default 10; 0 turns it off)
   */
  /**
   * {@code -Dcompare.against=history}: the store ({@code -Dhistory.dir} or {@code -Dhistory.url}, as the runs
   * record into), K and the drift window.
   */
  public record AgainstHistory(HistoryOptions store, int runs, int driftRuns) {
    /** Fewer runs than this have no spread worth the name (the MAD of two runs is half their difference). */
    public static final int MIN_RUNS = 3;
  }

  public static final String USAGE = String.join("\n",
      "Usage:",
      "  mvn exec:java@compare -Dsimulation=<Name>                  "
          + "newest run of <Name>Simulation vs baselines/<Name>.json",
      "  mvn exec:java@compare -Dsimulation=<Name> -Dbaseline.update=true   "
          + "promote the newest run to baselines/<Name>.json",
      "  mvn exec:java@compare -Dcompare.runs=<runA>,<runB>         compare two run folders (A = baseline)",
      "  mvn exec:java@compare -Dsimulation=<Name> -Dcompare.against=history   "
          + "newest run vs the last runs of the same shape in -Dhistory.dir",
      "Options: -Dcompare.baselines=baselines -Dcompare.results=target/gatling "
          + "-Dcompare.output=target/loadbearing/compare",
      "  with history: -Dhistory.dir=target/loadbearing/history -Dcompare.history.runs=5 "
          + "-Dcompare.history.drift-runs=10 (docs/COMPARE.md)",
      "Tolerances: src/main/resources/compare.conf, overridable with -Dcompare.<key>=<value> "
          + "(e.g. -Dcompare.defaults.latency-max-increase-percent=20).",
      "Exit codes: 0 no regression, 1 regression or broken SLA, 2 usage or input error.");

  /** Thrown for bad options: exit code 2 with {@link #USAGE}. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** The -D properties with the {@code key=value} arguments on top (a leading -D is dropped). */
  public static Map<String, String> merged(Map<String, String> properties, String[] args) {
    Map<String, String> p = new HashMap<>(properties);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("unexpected argument '" + arg + "' (arguments are key=value, like the -D options)");
      }
      p.put(arg.substring(0, eq).replaceFirst("^-D", ""), arg.substring(eq + 1));
    }
    return p;
  }

  public static CompareOptions parse(Map<String, String> properties, String[] args) {
    Map<String, String> p = merged(properties, args);
    String simulation = blankToNull(p.get("simulation"));
    if (simulation != null) {
      simulation = simulation.replaceFirst("^.*\\.", "").replaceFirst("Simulation$", "");
      if (!simulation.matches("[A-Za-z][A-Za-z0-9]*")) {
        throw new UsageException(
            "-Dsimulation='" + p.get("simulation") + "' is not a simulation name like Smoke or Spike");
      }
    }
    String runsText = blankToNull(p.get("compare.runs"));
    List<Path> runs = List.of();
    if (runsText != null) {
      String[] parts = runsText.split(",");
      if (parts.length != 2 || Arrays.stream(parts).anyMatch(String::isBlank)) {
        throw new UsageException("-Dcompare.runs needs exactly two run folders, baseline first: "
            + "-Dcompare.runs=A,B (got '" + runsText + "')");
      }
      runs = List.of(Path.of(parts[0].trim()), Path.of(parts[1].trim()));
    }
    String update = p.getOrDefault("baseline.update", "false").trim();
    if (!update.equals("true") && !update.equals("false") && !update.isEmpty()) {
      throw new UsageException("-Dbaseline.update must be true or false, not '" + update + "'");
    }
    boolean baselineUpdate = update.equals("true") || (update.isEmpty() && p.containsKey("baseline.update"));
    if (baselineUpdate && simulation == null) {
      throw new UsageException(
          "-Dbaseline.update=true needs -Dsimulation=<Name> (which simulation's newest run to promote)");
    }
    if (baselineUpdate && !runs.isEmpty()) {
      throw new UsageException("-Dbaseline.update=true and -Dcompare.runs cannot be combined");
    }
    if (simulation == null && runs.isEmpty()) {
      throw new UsageException("say what to compare: -Dsimulation=<Name> or -Dcompare.runs=A,B");
    }
    AgainstHistory history = history(p, simulation, runs, baselineUpdate);
    return new CompareOptions(simulation, runs, baselineUpdate,
        Path.of(p.getOrDefault("compare.baselines", "baselines")),
        Path.of(p.getOrDefault("compare.results", "target/gatling")),
        Path.of(p.getOrDefault("compare.output", "target/loadbearing/compare")), history);
  }

  /** The history options with {@code compare.against=history}, null with {@code baseline} (the default). */
  private static AgainstHistory history(Map<String, String> p, String simulation, List<Path> runs,
                                       boolean baselineUpdate) {
    String against = p.getOrDefault("compare.against", "baseline").trim();
    if (!against.equals("baseline") && !against.equals("history")) {
      throw new UsageException("-Dcompare.against must be baseline or history, not '" + against + "'");
    }
    if (against.equals("baseline")) {
      return null;
    }
    if (simulation == null || !runs.isEmpty() || baselineUpdate) {
      throw new UsageException("-Dcompare.against=history needs -Dsimulation=<Name> (whose newest run to judge), "
          + "without -Dcompare.runs or -Dbaseline.update");
    }
    int k = count(p, "compare.history.runs", 5);
    if (k < AgainstHistory.MIN_RUNS) {
      throw new UsageException("-Dcompare.history.runs must be " + AgainstHistory.MIN_RUNS + " or more, not " + k);
    }
    int drift = count(p, "compare.history.drift-runs", 10);
    if (drift != 0 && drift < Drift.MIN_RUNS) {
      throw new UsageException("-Dcompare.history.drift-runs must be 0 (off) or "
          + Drift.MIN_RUNS + " or more (fewer runs cannot show a trend), not " + drift);
    }
    HistoryOptions store;
    try {
      store = HistoryOptions.from(p);
    } catch (HistoryException e) {
      throw new UsageException(e.getMessage());
    }
    if (!store.enabled()) {
      throw new UsageException("-Dcompare.against=history with -Dhistory=false: there is no history to read");
    }
    return new AgainstHistory(store, k, drift);
  }

  private static int count(Map<String, String> p, String key, int fallback) {
    String text = p.getOrDefault(key, String.valueOf(fallback)).trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("-D" + key + " must be a whole number, not '" + text + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
