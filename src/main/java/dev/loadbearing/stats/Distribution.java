package dev.loadbearing.stats;

import com.tdunning.math.stats.AVLTreeDigest;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The latency samples of one row (the whole run, a group, or a request), accumulated two ways:
 * Gatling's own method (a t-digest fed in file order, rounded; exact sums for mean and standard
 * deviation) so the numbers equal Gatling's report, and an HdrHistogram that can be merged exactly with
 * other injectors' histograms.
 */
public final class Distribution {
  /** Precision of the stored histograms: values are kept to 3 significant digits (0.1 %). */
  public static final int SIGNIFICANT_DIGITS = 3;

  private final AVLTreeDigest digest = new AVLTreeDigest(100.0);
  private final Histogram histogram = newHistogram();
  private long count;
  private long okCount;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private double sum;
  private double sumOfSquares;

  public static Histogram newHistogram() {
    Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  public void add(int responseTime, boolean ok) {
    count++;
    if (ok) {
      okCount++;
    }
    min = Math.min(min, responseTime);
    max = Math.max(max, responseTime);
    sum += responseTime;
    sumOfSquares += (double) responseTime * responseTime;
    digest.add(responseTime);
    // A negative time (clock step during the run) cannot go into a histogram; Gatling keeps it, so do the stats.
    histogram.recordValue(Math.max(0, responseTime));
  }

  public long count() {
    return count;
  }

  public long okCount() {
    return okCount;
  }

  public long koCount() {
    return count - okCount;
  }

  public long min() {
    return count == 0 ? 0 : min;
  }

  public long max() {
    return count == 0 ? 0 : max;
  }

  public long mean() {
    return count == 0 ? 0 : Math.round(sum / count);
  }

  public long stdDev() {
    if (count == 0) {
      return 0;
    }
    double mean = sum / count;
    return Math.round(Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean)));
  }

  /** Gatling's percentile: the t-digest's quantile, rounded to the millisecond. */
  public long percentile(double percent) {
    return count == 0 ? 0 : Math.round(digest.quantile(percent / 100.0));
  }

  public Histogram histogram() {
    return histogram;
  }

  /** The histogram as base64 of {@link Histogram#encodeIntoCompressedByteBuffer}. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 compressed HdrHistogram: " + e.getMessage(), e);
    }
  }
}
