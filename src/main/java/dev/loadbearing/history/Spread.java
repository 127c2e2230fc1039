package dev.loadbearing.history;

import java.util.Arrays;

/**
 * Where one figure usually is over the last K runs, and how far noise alone carries the next run: the median of
 * the K runs, and the one-sided 99.9 % prediction bound for one more run of the same noise,
 * {@code k × s} with {@code s} the K runs' standard deviation and {@code k = t(K − 1, 0.999) × √(1 + 1/K)}
 * (Student's t: 7.86 for K = 5, 4.51 for K = 10). A value beyond {@code median + k × s} is one that run-to-run
 * noise of the size these runs show makes in 1 run out of 1,000 (for normal noise).
 *
 * <p>Why not median ± 3 × MAD: the MAD of 5 runs is often near 0 (three runs close together), and 3 × 1.4826 ×
 * MAD then flags ordinary noise: with the noise measured here, 77 % of synthetic 15-run sequences saw a false
 * alarm (docs/COMPARE.md). The t factor widens the bound as much as a small K needs.
 *
 * @param median the median of the runs' values (the reference shown as "baseline")
 * @param sd     the sample standard deviation of the values, in their unit (0 for a single value)
 * @param runs   how many values
 */
public record Spread(double median, double sd, int runs) {
  /** One-sided 0.999 quantiles of Student's t for 1..30 degrees of freedom; beyond 30 the last one (safe). */
  private static final double[] T_999 = {318.309, 22.327, 10.215, 7.173, 5.893, 5.208, 4.785, 4.501, 4.297,
      4.144, 4.025, 3.930, 3.852, 3.787, 3.733, 3.686, 3.646, 3.610, 3.579, 3.552, 3.527, 3.505, 3.485, 3.467,
      3.450, 3.435, 3.421, 3.408, 3.396, 3.385};

  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to take a spread of");
    }
    double mean = Arrays.stream(values).average().orElseThrow();
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    double sd = values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1));
    return new Spread(median(values), sd, values.length);
  }

  /** The prediction factor k for {@code runs} runs: t(runs − 1, 0.999) × √(1 + 1/runs). */
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
