package dev.loadbearing.suite.chaos;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.LatencyTimeline;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * How long after a fault's end the traffic was back within its SLAs: the start of the first window of
 * {@code recovery.window()} (on whole seconds of the latency timeline, from the end onwards) that had responses,
 * a p95 under {@code recovery.p95()} and a failed share under {@code recovery.failedPercent()} (0 means none).
 */
public final class RecoveryTime {
  private RecoveryTime() {
  }

  /**
   * Milliseconds from {@code endedAt} to the first window within the SLAs; empty when none starts before
   * {@code until} (the next fault, or the end of load) with its whole length inside.
   *
   * @param timeline figures over [from, to) epoch ms, as {@link LatencyTimeline#window}
   */
  public static OptionalLong after(long endedAt, long until, Profiles.Recovery recovery,
                                   BiFunction<Long, Long, LatencyTimeline.Window> timeline) {
    long length = recovery.window().toMillis();
    for (long from = (endedAt + 999) / 1000 * 1000; from + length <= until; from += 1000) {
      if (within(timeline.apply(from, from + length), recovery)) {
        return OptionalLong.of(from - endedAt);
      }
    }
    return OptionalLong.empty();
  }

  static boolean within(LatencyTimeline.Window window, Profiles.Recovery recovery) {
    boolean fewEnoughFailures = recovery.failedPercent() == 0 ? window.failures() == 0
        : window.failedPercent() < recovery.failedPercent();
    return window.requests() > 0 && window.p95() < recovery.p95().toMillis() && fewEnoughFailures;
  }
}
