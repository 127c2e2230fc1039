package dev.loadbearing.history;

import java.util.Arrays;

/**
 * The centre and run-to-run spread of one figure over the last runs: the median and the median absolute
 * deviation (MAD). Both ignore one wild run out of five, where a mean and a standard deviation would follow it;
 * that matters on a shared machine, where a run that queued behind another job is several times slower.
 *
 * @param median the median of the runs' values
 * @param mad    the median absolute deviation from {@code median}, in the values' unit
 */
public record Spread(double median, double mad) {
  /** MAD × this estimates a standard deviation when the noise is normal. */
  public static final double MAD_TO_SIGMA = 1.4826;
  /**
   * How many (MAD-estimated) standard deviations away from the median a value must be to stand out from the
   * noise. 3 is the usual choice for median ± k·MAD; docs/COMPARE.md shows its false-alarm and detection rates.
   */
  public static final double K = 3;

  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to take a spread of");
    }
    double median = median(values);
    double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
    return new Spread(median, median(deviations));
  }

  /** How far from the median the noise of these runs reaches: K × 1.4826 × MAD. */
  public double noise() {
    return K * MAD_TO_SIGMA * mad;
  }

  public static double median(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
