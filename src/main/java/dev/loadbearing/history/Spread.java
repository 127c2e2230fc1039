package dev.loadbearing.history;

import java.util.Arrays;

/**
 * Where one figure usually is over the last K runs, and how far noise alone carries the next run: the median of
 * the K runs, and {@code k × s}, the one-sided 99.9 % prediction bound for one more run with the noise those runs
 * show: {@code s} their standard deviation, {@code k = t(n − 1, 0.999) × √(1 + 1/n)} (Student's t over the n runs
 * used: 7.86 for 5, 4.51 for 10). A wild run is left out of s first: one that Dixon's Q test (99 %) calls an
 * outlier and that lies more than half the median away from its nearest neighbour.
 *
 * <p>Why Dixon's test: a run slowed by another job on this shared machine (p95 5,017 ms among runs of 17 ms) made
 * the plain bound 17 s, and a run 138 times slower than the median passed. Why not median ± 3 × MAD: the MAD
 * of 5 runs is often near 0 (three runs a millisecond apart), and 3 × 1.4826 × MAD then flags ordinary noise:
 * with the noise measured here, 77 % of synthetic 15-run sequences saw a false alarm (docs/COMPARE.md).
 *
 * @param median the median of all the runs' values (the reference shown as "baseline")
 * @param sd     the standard deviation of the values, an outlier left out; 0 for a single value
 * @param runs   how many values s was taken over
 */
public record Spread(double median, double sd, int runs) {
  /** Dixon's Q at 99 % for 3..10 values (index = count); beyond 10 the last one (stricter: fewer left out). */
  private static final double[] DIXON_Q_99 = {0, 0, 0, 0.994, 0.926, 0.821, 0.740, 0.680, 0.634, 0.598, 0.568};
  /** One-sided 0.999 quantiles of Student's t for 1..30 degrees of freedom; beyond 30 the last one (safe). */
  private static final double[] T_999 = {318.309, 22.327, 10.215, 7.173, 5.893, 5.208, 4.785, 4.501, 4.297,
      4.144, 4.025, 3.930, 3.852, 3.787, 3.733, 3.686, 3.646, 3.610, 3.579, 3.552, 3.527, 3.505, 3.485, 3.467,
      3.450, 3.435, 3.421, 3.408, 3.396, 3.385};

  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to take a spread of");
    }
    double[] kept = withoutOutlier(values);
    return new Spread(median(values), sd(kept), kept.length);
  }

  /**
   * {@code values} without the lowest or highest one when Dixon's Q test (99 %) calls it an outlier and it lies
   * more than half the median away from its nearest neighbour.
   */
  static double[] withoutOutlier(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double range = n < 3 ? 0 : sorted[n - 1] - sorted[0];
    if (range == 0) {
      return sorted;
    }
    double critical = DIXON_Q_99[Math.min(n, DIXON_Q_99.length - 1)];
    // Also half the median away from its neighbour: whole milliseconds (6, 6, 6, 6, 7) pass Q without being wild.
    double wild = Math.abs(median(values)) / 2;
    double highGap = sorted[n - 1] - sorted[n - 2];
    if (highGap / range > critical && highGap > wild) {
      return Arrays.copyOfRange(sorted, 0, n - 1);
    }
    double lowGap = sorted[1] - sorted[0];
    if (lowGap / range > critical && lowGap > wild) {
      return Arrays.copyOfRange(sorted, 1, n);
    }
    return sorted;
  }

  private static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(values).average().orElseThrow();
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
  }

  /** The prediction factor k for a standard deviation over {@code runs} runs: t(runs − 1, 0.999) × √(1 + 1/runs). */
  public static double k(int runs) {
    if (runs < 2) {
      throw new IllegalArgumentException("a spread needs 2 runs or more, not " + runs);
    }
    return T_999[Math.min(runs - 1, T_999.length) - 1] * Math.sqrt(1 + 1.0 / runs);
  }

  /** How far from the median run-to-run noise alone may carry the next run: k × s; 0 below 2 runs. */
  public double noise() {
    return runs < 2 ? 0 : k(runs) * sd;
  }

  public static double median(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
