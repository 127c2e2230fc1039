package dev.loadbearing.telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads every {@link Source} once per interval on a daemon thread of its own (never Gatling's event loop) and
 * keeps the series in memory, bounded (at most {@value #MAX_SERIES} series of {@value #MAX_POINTS} points; a
 * longer run halves a series' resolution rather than lose its start).
 *
 * <pre>{@code
 * TelemetrySampler sampler =
 *     TelemetrySampler.start(Sources.none().withMachine().withInjector(), Duration.ofSeconds(1));
 * ... the run ...
 * Telemetry telemetry = sampler.stop();
 * }</pre>
 *
 * A source that fails is noted once (in {@link Telemetry#notes()}) and tried again next tick; the others go on.
 * A tick that overruns the interval skips the ticks it missed instead of catching up in a burst. The sampler
 * records its own cost: {@code telemetry.tick_seconds} (wall time of each tick),
 * {@code telemetry.source_seconds{source="..."}} (each source's share of it) and
 * {@code telemetry.cpu_seconds_total} (CPU of its thread).
 */
public final class TelemetrySampler {
  static final int MAX_SERIES = 2_000;
  static final int MAX_POINTS = 4_096;
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final List<Source> sources;
  private final Duration interval;
  private final Store store;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Thread thread;
  private final Set<String> failedOnce = new HashSet<>();
  private final long start;
  private volatile long end;
  private Telemetry result;

  private TelemetrySampler(Sources sources, Duration interval, Store store) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("telemetry interval must be positive: " + interval);
    }
    this.sources = sources.list();
    this.interval = interval;
    this.store = store;
    this.start = System.currentTimeMillis();
    this.thread = new Thread(this::run, "loadbearing-telemetry");
    thread.setDaemon(true);
    // Below the load generator's threads: a sample may be late, a request should not be.
    thread.setPriority(Thread.NORM_PRIORITY - 1);
  }

  /** Starts sampling now: the first tick runs at once, then one every {@code interval}. */
  public static TelemetrySampler start(Sources sources, Duration interval) {
    return start(sources, interval, new Store(MAX_SERIES, MAX_POINTS));
  }

  static TelemetrySampler start(Sources sources, Duration interval, Store store) {
    TelemetrySampler sampler = new TelemetrySampler(sources, interval, store);
    sampler.thread.start();
    return sampler;
  }

  /**
   * Stops sampling, lets each source finish (top statements), closes them and returns what was recorded. Safe
   * to call twice; the second call returns the same telemetry.
   */
  public synchronized Telemetry stop() {
    if (result == null) {
      stopRequested.countDown();
      try {
        thread.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        store.note("The telemetry sampler did not stop within " + STOP_WAIT.toSeconds()
            + " s; its last tick is missing.");
      }
      long stoppedAt = end == 0 ? System.currentTimeMillis() : end;
      result = store.snapshot(start, stoppedAt, interval.toMillis(), Runtime.getRuntime().availableProcessors());
    }
    return result;
  }

  /** Each series' latest sample so far (name as in telemetry.json → value), read while sampling goes on. */
  public Map<String, Double> latest() {
    return store.latest();
  }

  private void run() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    long intervalNanos = interval.toNanos();
    long next = System.nanoTime();
    try {
      while (true) {
        long tickStart = System.nanoTime();
        tick();
        store.record("telemetry.tick_seconds", micros(System.nanoTime() - tickStart));
        if (cpuTime) {
          store.record("telemetry.cpu_seconds_total", micros(threads.getCurrentThreadCpuTime()));
        }
        next += intervalNanos;
        long now = System.nanoTime();
        if (next < now) {
          next = now + intervalNanos - (now - next) % intervalNanos;
        }
        if (stopRequested.await(next - now, TimeUnit.NANOSECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      end = System.currentTimeMillis();
      for (Source source : sources) {
        attempt(source, "finish", () -> source.finish(store));
        attempt(source, "close", source::close);
      }
    }
  }

  private void tick() {
    store.tick(System.currentTimeMillis());
    for (Source source : sources) {
      long started = System.nanoTime();
      attempt(source, "sample", () -> source.sample(store));
      store.record("telemetry.source_seconds{source=\""
              + source.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
          micros(System.nanoTime() - started));
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void attempt(Source source, String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      if (failedOnce.add(source.name() + "/" + what)) {
        store.note("Telemetry source " + source.name() + " failed (" + what + "): " + oneLine(e)
            + (what.equals("sample") ? "; tried again every interval, further failures not noted" : ""));
      }
    }
  }

  /** Nanoseconds as seconds rounded to the microsecond, which keeps telemetry.json short. */
  private static double micros(long nanos) {
    return Math.round(nanos / 1e3) / 1e6;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceAll("\\s+", " ").strip();
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }
}
