package dev.loadbearing.suite.observe;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times per second of wall clock, so a verdict can compare windows of one run (the p95 before a
 * spike with the p95 during it, the first tenth of a soak with the last). Reset when a run starts.
 *
 * <p>Recorded on Gatling's event-loop threads for every response, so the path is kept free of contention and
 * allocation (docs/PERFORMANCE.md, "Per-request instrumentation"): each thread records into a histogram of its
 * own per second (a stripe), found through a per-thread cache of the current second; readers merge the
 * stripes. One shared histogram cost 5-9 times more CPU per response on two threads than on one.
 */
public final class LatencyTimeline {
  private static final long HIGHEST_MS = 3_600_000;
  /** More recording threads than this share stripes (Gatling runs one event loop per core). */
  private static final int STRIPES = 64;
  private static final Map<Long, Second> SECONDS = new ConcurrentHashMap<>();
  private static final AtomicLong FIRST_REQUEST = new AtomicLong(Long.MAX_VALUE);
  private static final AtomicInteger NEXT_STRIPE = new AtomicInteger();
  /** Bumped by reset, so that no thread keeps recording into a second of the run before. */
  private static volatile int epoch;
  private static final ThreadLocal<Writer> WRITERS =
      ThreadLocal.withInitial(() -> new Writer(NEXT_STRIPE.getAndIncrement() % STRIPES));

  private LatencyTimeline() {
  }

  public static void reset() {
    epoch++;
    SECONDS.clear();
    FIRST_REQUEST.set(Long.MAX_VALUE);
  }

  /** A response received at {@code endMillis} to a request sent at {@code startMillis} (epoch ms). */
  static void record(long startMillis, long endMillis, boolean failed) {
    // Read before writing: a compare-and-set on every response would bounce the line between cores.
    if (startMillis < FIRST_REQUEST.get()) {
      FIRST_REQUEST.accumulateAndGet(startMillis, Math::min);
    }
    Writer writer = WRITERS.get();
    long second = endMillis / 1000;
    if (writer.second != second || writer.epoch != epoch) {
      writer.moveTo(second);
    }
    writer.histogram.recordValue(Math.min(Math.max(0, endMillis - startMillis), HIGHEST_MS));
    if (failed) {
      writer.current.failures.increment();
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
    Second second = SECONDS.get(epochSecond);
    return second == null ? 0 : second.responses();
  }

  /** Latency and failure figures over responses received in [fromMillis, toMillis) (epoch ms). */
  public static Window window(long fromMillis, long toMillis) {
    Histogram merged = new Histogram(HIGHEST_MS, 2);
    long failures = 0;
    for (long second = fromMillis / 1000; second * 1000 < toMillis; second++) {
      Second s = SECONDS.get(second);
      if (s != null) {
        s.addTo(merged);
        failures += s.failures.sum();
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

  /** One second of wall clock: a histogram per recording thread, created when that thread first needs it. */
  private static final class Second {
    private final AtomicReferenceArray<Histogram> stripes = new AtomicReferenceArray<>(STRIPES);
    private final LongAdder failures = new LongAdder();

    Histogram stripe(int index) {
      Histogram stripe = stripes.get(index);
      if (stripe == null) {
        stripes.compareAndSet(index, null, new AtomicHistogram(HIGHEST_MS, 2));
        stripe = stripes.get(index);
      }
      return stripe;
    }

    long responses() {
      long total = 0;
      for (int i = 0; i < STRIPES; i++) {
        Histogram stripe = stripes.get(i);
        total += stripe == null ? 0 : stripe.getTotalCount();
      }
      return total;
    }

    void addTo(Histogram merged) {
      for (int i = 0; i < STRIPES; i++) {
        Histogram stripe = stripes.get(i);
        if (stripe != null) {
          merged.add(stripe);
        }
      }
    }
  }

  /** A recording thread's stripe and the second it recorded last, so most responses skip the map. */
  private static final class Writer {
    private final int stripe;
    private int epoch = -1;
    private long second = -1;
    private Second current;
    private Histogram histogram;

    Writer(int stripe) {
      this.stripe = stripe;
    }

    void moveTo(long newSecond) {
      epoch = LatencyTimeline.epoch;
      second = newSecond;
      current = SECONDS.computeIfAbsent(newSecond, s -> new Second());
      histogram = current.stripe(stripe);
    }
  }
}
