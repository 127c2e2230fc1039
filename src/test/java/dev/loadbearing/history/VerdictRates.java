package dev.loadbearing.history;

import dev.loadbearing.compare.Comparison;
import dev.loadbearing.history.SyntheticHistory.Noise;
import dev.loadbearing.stats.StatsReport;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The history verdict's false-alarm and detection rates on seeded synthetic histories ({@link SyntheticHistory}),
 * as in docs/COMPARE.md (seeds 1..n, so the figures are the same on every machine):
 * <pre>
 * mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.loadbearing.history.VerdictRates \
 *   -Dexec.args=1000
 * </pre>
 */
public final class VerdictRates {
  /** The run that is judged in a history of K + 1 runs (the newest), and the first run of a creep. */
  static final int CREEP_FROM = 10;

  /** One kind of history: Load's figures, latencies × {@code scale}, run-to-run noise, K runs. */
  record Case(double scale, String label, Noise noise, int k) {
    Case(double scale, double noise, int k) {
      this(scale, String.format(Locale.ROOT, "%.2f x", noise), Noise.MEASURED.times(noise), k);
    }

    SyntheticHistory history(long seed) {
      return new SyntheticHistory("Load", scale, noise, seed);
    }
  }

  /** Every figure as steady as the steadiest one measured here (throughput, 1.8 %). */
  static final Noise STEADY = new Noise(0.018, 0.018, 0.018, 0.018);

  private VerdictRates() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.println(n + " histories per figure, seeds 1.." + n + "; noise 1 x = as measured here (p50 15.1 %,"
        + " p95 8.5 %, p99 13.8 %, throughput 1.8 %)");
    System.out.println("latencies  noise  K | false alarm  in 15 runs  drift warn | +15 %  +25 %  +50 % in one run"
        + " | +3 %/run flagged in 10");
    for (Case c : List.of(new Case(1, 1, 5), new Case(1, 0.5, 5), new Case(1, 0.25, 5), new Case(1, 1, 10),
        new Case(10, 1, 5), new Case(10, 0.5, 5), new Case(10, 0.25, 5), new Case(10, 1, 10),
        new Case(10, "1.8 %", STEADY, 5), new Case(10, "1.8 %", STEADY, 10),
        // K = 1: the previous run alone, tolerance only, as a comparison against one baseline judges.
        new Case(1, 1, 1), new Case(10, 1, 1))) {
      System.out.printf(Locale.ROOT, "Load x%-3.0f %6s %2d | %9.1f %%  %8.1f %%  %8.1f %% | %4.0f %%  %4.0f %%"
              + "  %4.0f %%            | %5.0f %%%n", c.scale(), c.label(), c.k(), 100 * falseAlarms(c, n),
          100 * falseAlarmsOverRuns(c, n), 100 * driftWarnings(c, n), 100 * stepCaught(c, 0.15, n),
          100 * stepCaught(c, 0.25, n), 100 * stepCaught(c, 0.50, n), 100 * creepFlagged(c, 0.03, n));
    }
  }

  /** Share of pure-noise histories of K + 1 runs whose newest run fails the comparison (exit 1). */
  static double falseAlarms(Case c, int n) {
    return share(n, seed -> newestFails(c, seed, 0));
  }

  /** Share of histories of K + 1 runs whose newest run's latencies stepped up by {@code step} and fails. */
  static double stepCaught(Case c, double step, int n) {
    return share(n, seed -> newestFails(c, seed, step));
  }

  private static boolean newestFails(Case c, long seed, double step) {
    List<StatsReport> runs = c.history(seed).history(i -> i == c.k() ? 1 + step : 1).subList(0, c.k() + 1);
    return SyntheticHistory.judge(runs, c.k(), c.k()).regressed();
  }

  /** Share of pure-noise histories where some run from the (K + 1)th to the 20th fails (a CI over 15 commits). */
  static double falseAlarmsOverRuns(Case c, int n) {
    return share(n, seed -> anyRun(c, seed, i -> 1, c.k(), SyntheticHistory.Outcome.FAILS));
  }

  /** Share of pure-noise histories where some run from the (K + 1)th on gets a drift warning (not a failure). */
  static double driftWarnings(Case c, int n) {
    return share(n, seed -> anyRun(c, seed, i -> 1, c.k(), SyntheticHistory.Outcome.DRIFT_WARNING));
  }

  /**
   * Share of histories whose latencies creep up by {@code perRun} a run from run CREEP_FROM on where drift is
   * flagged (a warning or a failure) within DRIFT_RUNS runs.
   */
  static double creepFlagged(Case c, double perRun, int n) {
    return share(n, seed -> anyRun(c, seed, i -> Math.pow(1 + perRun, Math.max(0, i - CREEP_FROM + 1)), CREEP_FROM,
        SyntheticHistory.Outcome.DRIFT));
  }

  private static boolean anyRun(Case c, long seed, IntToDoubleFunction factor, int from,
                                Predicate<Comparison> outcome) {
    List<StatsReport> runs = c.history(seed).history(factor);
    for (int i = from; i < runs.size(); i++) {
      if (outcome.test(SyntheticHistory.judge(runs, i, c.k()))) {
        return true;
      }
    }
    return false;
  }

  private static double share(int n, LongPredicate outcome) {
    int hits = 0;
    for (long seed = 1; seed <= n; seed++) {
      hits += outcome.test(seed) ? 1 : 0;
    }
    return (double) hits / n;
  }
}
