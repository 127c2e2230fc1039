package dev.loadbearing.suite.observe;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times per second of wall clock, so a verdict can compare windows of one run (the p95 before a
 * spike with the p95 during it, the first tenth of a soak with the last). Reset when a run starts.
 */
public final class LatencyTimeline {
  private static final long HIGHEST_MS = 3_600_000;
  private static final Map<Long, Histogram> SECONDS = new ConcurrentHashMap<>();
  private static final Map<Long, LongAdder> FAILURES = new ConcurrentHashMap<>();
  private static final AtomicLong FIRST_REQUEST = new AtomicLong(Long.MAX_VALUE);

  private LatencyTimeline() {
  }

  public static void reset() {
    SECONDS.clear();
    FAILURES.clear();
    FIRST_REQUEST.set(Long.MAX_VALUE);
  }

  /** A response received at {@code endMillis} to a request sent at {@code startMillis} (epoch ms). */
  static void record(long startMillis, long endMillis, boolean failed) {
    FIRST_REQUEST.accumulateAndGet(startMillis, Math::min);
    long second = endMillis / 1000;
    SECONDS.computeIfAbsent(second, s -> new ConcurrentHistogram(HIGHEST_MS, 2))
        .recordValue(Math.min(Math.max(0, endMillis - startMillis), HIGHEST_MS));
    if (failed) {
      FAILURES.computeIfAbsent(second, s -> new LongAdder()).increment();
    }
  }

  /**
   * When the run's first request was sent (epoch ms), if one was: the moment load really started, which
   * Gatling's {@code before()} precedes by the protocol's start-up.
   */
  public static OptionalLong firstRequestAt() {
    long first = FIRST_REQUEST.get();
    return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
  }

  /** Responses received in one second of wall clock ({@code epochSecond}: epoch millis / 1000). */
  public static long requestsInSecond(long epochSecond) {
    Histogram histogram = SECONDS.get(epochSecond);
    return histogram == null ? 0 : histogram.getTotalCount();
  }

  /** Latency and failure figures over responses received in [fromMillis, toMillis) (epoch ms). */
  public static Window window(long fromMillis, long toMillis) {
    Histogram merged = new Histogram(HIGHEST_MS, 2);
    long failures = 0;
    for (long second = fromMillis / 1000; second * 1000 < toMillis; second++) {
      Histogram h = SECONDS.get(second);
      if (h != null) {
        merged.add(h);
      }
      LongAdder f = FAILURES.get(second);
      if (f != null) {
        failures += f.sum();
      }
    }
    return new Window(merged.getTotalCount(), failures, merged.getTotalCount() == 0 ? 0
        : merged.getValueAtPercentile(95.0));
  }

  /**
   * @param requests responses in the window
   * @param failures of which 5xx, 429 or unanswered
   * @param p95      95th percentile response time, ms
   */
  public record Window(long requests, long failures, long p95) {
    public double failedPercent() {
      return requests == 0 ? 0 : 100.0 * failures / requests;
    }
  }
}
