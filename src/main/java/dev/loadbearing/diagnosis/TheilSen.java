package dev.loadbearing.diagnosis;

import java.util.Arrays;

/**
 * The Theil-Sen slope (median of all pairwise slopes), robust to a few outliers such as a collection landing
 * mid-window, with Sen's (1968) distribution-free confidence interval from Kendall's S.
 *
 * @param slope per unit of x
 * @param lower the interval's lower bound (same unit)
 * @param upper the interval's upper bound
 * @param intercept median of {@code y - slope * x}: the fitted value at x = 0
 */
record TheilSen(double slope, double lower, double upper, double intercept, int points) {

  /** Fits y against x (x need not be sorted; at least 3 points with two distinct x). */
  static TheilSen fit(double[] x, double[] y, double confidence) {
    int n = x.length;
    if (n < 3 || y.length != n) {
      throw new IllegalArgumentException("Theil-Sen needs at least 3 points, got " + n);
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int m = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (x[j] != x[i]) {
          slopes[m++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("Theil-Sen needs two distinct x values");
    }
    slopes = Arrays.copyOf(slopes, m);
    Arrays.sort(slopes);
    double slope = median(slopes);
    // Sen: with z the normal quantile, C = z * sqrt(Var(S)); the bounds are the slopes of rank (M - C)/2 and
    // (M + C)/2 + 1 (1-based). Var(S) = n(n-1)(2n+5)/18 without ties.
    double z = normalQuantile(0.5 + confidence / 2);
    double c = z * Math.sqrt(n * (n - 1.0) * (2 * n + 5) / 18.0);
    int lowerRank = (int) Math.floor((m - c) / 2);
    int upperRank = (int) Math.ceil((m + c) / 2) + 1;
    double lower = lowerRank >= 1 ? slopes[lowerRank - 1] : Double.NEGATIVE_INFINITY;
    double upper = upperRank <= m ? slopes[upperRank - 1] : Double.POSITIVE_INFINITY;
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      residuals[i] = y[i] - slope * x[i];
    }
    Arrays.sort(residuals);
    return new TheilSen(slope, lower, upper, median(residuals), n);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
  static double normalQuantile(double p) {
    if (p <= 0 || p >= 1) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
