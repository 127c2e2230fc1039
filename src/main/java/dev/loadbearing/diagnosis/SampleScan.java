package dev.loadbearing.diagnosis;

import dev.loadbearing.telemetry.Series;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;

/**
 * Scans over a series' samples by index, so one loop serves a condition on the value ({@code i -> s.value(i) > 0})
 * and one on the time ({@code i -> condition.test(s.time(i))}) alike.
 */
final class SampleScan {
  private SampleScan() {
  }

  /** Share of the samples whose value meets {@code condition}; 0 for an empty series. */
  static double share(Series s, DoublePredicate condition) {
    return shareOf(s, i -> condition.test(s.value(i)));
  }

  /** Share of the sample indexes at which {@code condition} holds; 0 for an empty series. */
  static double shareOf(Series s, IntPredicate condition) {
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      n += condition.test(i) ? 1 : 0;
    }
    return s.isEmpty() ? 0 : (double) n / s.size();
  }

  /** Time of the first sample at which {@code condition} holds; the series' first time when none does. */
  static long firstTime(Series s, IntPredicate condition) {
    for (int i = 0; i < s.size(); i++) {
      if (condition.test(i)) {
        return s.time(i);
      }
    }
    return s.time(0);
  }

  /** Time of the last sample at which {@code condition} holds; the series' last time when none does. */
  static long lastTime(Series s, IntPredicate condition) {
    for (int i = s.size() - 1; i >= 0; i--) {
      if (condition.test(i)) {
        return s.time(i);
      }
    }
    return s.time(s.size() - 1);
  }

  /** Time of the sample before a counter's first increase; the series' first time when it never grew. */
  static long firstIncrease(Series s) {
    return firstTime(s, i -> i + 1 < s.size() && s.value(i + 1) > s.value(i));
  }
}
