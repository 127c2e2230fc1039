package dev.loadbearing.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A steady creep of one figure over the last runs, which a comparison with the median of the last few runs
 * never sees (the median creeps along). The trend is a Mann–Kendall test (does the figure rise run after run
 * more often than chance allows?) and its size the Theil–Sen slope (the median of the slopes between every two
 * runs), both unmoved by one wild run and by the figure's scale.
 *
 * @param runs  how many runs the series has
 * @param slope Theil–Sen slope, in the figure's unit per run
 * @param start the fitted value at the first run (median of value − slope × index)
 * @param z     the Mann–Kendall statistic as a standard normal score, with the continuity correction; positive
 *              for a rising series
 */
public record Drift(int runs, double slope, double start, double z) {
  /**
   * A trend counts when |z| reaches this: one-sided p = 0.001. Drift is checked at every run, on several
   * figures, so the usual 0.05 would cry wolf weekly. Eight runs are the fewest that can reach it (a strictly
   * rising series of 7 gives z = 3.0).
   */
  public static final double Z_CRITICAL = 3.09;
  /** The fewest runs a trend is looked for in (see {@link #Z_CRITICAL}). */
  public static final int MIN_RUNS = 8;

  /** The drift of {@code values}, oldest first. */
  public static Drift of(double... values) {
    int n = values.length;
    if (n < 2) {
      throw new IllegalArgumentException("a drift needs 2 runs or more, not " + n);
    }
    List<Double> slopes = new ArrayList<>();
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes.add((values[j] - values[i]) / (j - i));
        s += Long.signum(Double.compare(values[j], values[i]));
      }
    }
    double slope = Spread.median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = values[i] - slope * i;
    }
    // Variance without the correction for ties: ties (whole milliseconds) make it smaller, so z is conservative.
    double variance = n * (n - 1.0) * (2.0 * n + 5) / 18;
    double z = s == 0 ? 0 : (s - Long.signum(s)) / Math.sqrt(variance);
    return new Drift(n, slope, Spread.median(intercepts), z);
  }

  /** The fitted value at the newest run. */
  public double end() {
    return start + slope * (runs - 1);
  }

  /** True when the series rises (or, for {@code rising = false}, falls) beyond chance. */
  public boolean significant(boolean rising) {
    return runs >= MIN_RUNS && (rising ? z >= Z_CRITICAL : z <= -Z_CRITICAL);
  }
}
