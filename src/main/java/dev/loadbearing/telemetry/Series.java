package dev.loadbearing.telemetry;

import java.util.Arrays;

/**
 * One time series: epoch-millisecond timestamps, ascending, and a finite value at each. Immutable.
 * Names and units are listed in docs/TELEMETRY-FORMAT.md.
 */
public final class Series {
  private final String name;
  private final long[] times;
  private final double[] values;

  public Series(String name, long[] times, double[] values) {
    if (times.length != values.length) {
      throw new IllegalArgumentException(name + ": " + times.length + " timestamps but " + values.length + " values");
    }
    this.name = name;
    this.times = times.clone();
    this.values = values.clone();
  }

  public String name() {
    return name;
  }

  public int size() {
    return times.length;
  }

  public boolean isEmpty() {
    return times.length == 0;
  }

  public long time(int i) {
    return times[i];
  }

  public double value(int i) {
    return values[i];
  }

  public long[] times() {
    return times.clone();
  }

  public double[] values() {
    return values.clone();
  }

  /** The points with {@code from <= time <= to}. */
  public Series between(long from, long to) {
    int first = 0;
    while (first < times.length && times[first] < from) {
      first++;
    }
    int last = first;
    while (last < times.length && times[last] <= to) {
      last++;
    }
    return new Series(name, Arrays.copyOfRange(times, first, last), Arrays.copyOfRange(values, first, last));
  }

  public double max() {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  public double mean() {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** Share (0..1) of points whose value is at least {@code threshold}; NaN when empty. */
  public double shareAtLeast(double threshold) {
    if (values.length == 0) {
      return Double.NaN;
    }
    return (double) Arrays.stream(values).filter(v -> v >= threshold).count() / values.length;
  }

  /** The value of the point nearest to {@code time} (epoch ms); NaN when the series is empty. */
  public double valueAt(long time) {
    if (times.length == 0) {
      return Double.NaN;
    }
    int i = Arrays.binarySearch(times, time);
    if (i >= 0) {
      return values[i];
    }
    int after = -i - 1;
    if (after == 0) {
      return values[0];
    }
    if (after == times.length) {
      return values[times.length - 1];
    }
    return time - times[after - 1] <= times[after] - time ? values[after - 1] : values[after];
  }

  /** Last value minus first: the increase of a cumulative ({@code _total}) series over its span. */
  public double increase() {
    return values.length < 2 ? 0 : values[values.length - 1] - values[0];
  }

  /** Milliseconds from the first point to the last. */
  public long span() {
    return times.length < 2 ? 0 : times[times.length - 1] - times[0];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Series s && s.name.equals(name) && Arrays.equals(s.times, times)
        && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(times) * 17 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return name + "[" + times.length + " points]";
  }
}
