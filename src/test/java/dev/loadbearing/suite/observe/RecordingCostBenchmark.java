package dev.loadbearing.suite.observe;

import dev.loadbearing.suite.config.LiveConfig;
import dev.loadbearing.suite.live.LiveMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link Observed}'s check costs per response, alone: CPU time and bytes allocated per call of
 * {@link Observed#record}, with as many threads as Gatling has event loops (one per core), all recording at
 * once as they do at saturation. docs/PERFORMANCE.md, "Per-request instrumentation", has the command and results:
 * <pre>
 * java -cp "$CP" dev.loadbearing.suite.observe.RecordingCostBenchmark [threads] [seconds per round] [rounds] [live]
 * </pre>
 * With {@code live}, each round measures the call without and with live metrics ({@code -Dlive.port}: the
 * Prometheus counters and histogram), in alternating order, and prints both and their ratio (docs/PERFORMANCE.md,
 * "Live metrics on and off").
 */
public final class RecordingCostBenchmark {
  private static final String[] NAMES = {"GET /api/products", "GET /api/products/{id}", "POST /api/orders",
      "GET /api/orders/{id}", "GET /health"};

  private RecordingCostBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    boolean live = args.length > 3 && args[3].equals("live");
    round(threads, 3);
    System.out.printf("%d threads, %d s per round (after a 3 s warm-up)%n", threads, seconds);
    if (live) {
      withLive(threads, 3);
      compareLive(threads, seconds, rounds);
      return;
    }
    for (int r = 1; r <= rounds; r++) {
      double[] result = round(threads, seconds);
      System.out.printf(Locale.ROOT, "round %d: %.1f ns CPU per response, %.1f bytes allocated per response, "
          + "%.1f M responses/s%n", r, result[0], result[1], result[2] / 1e6);
    }
  }

  /** Each round without and with live metrics, alternating which goes first; CPU and bytes per call of each. */
  private static void compareLive(int threads, int seconds, int rounds) throws Exception {
    for (int r = 1; r <= rounds; r++) {
      double[] off;
      double[] on;
      if (r % 2 == 1) {
        off = round(threads, seconds);
        on = withLive(threads, seconds);
      } else {
        on = withLive(threads, seconds);
        off = round(threads, seconds);
      }
      System.out.printf(Locale.ROOT, "round %d: off %.1f ns, %.1f B; live %.1f ns, %.1f B per response; "
          + "CPU ratio live/off %.2f%n", r, off[0], off[1], on[0], on[1], on[0] / off[0]);
    }
  }

  /** One round with a live endpoint up (as -Dlive.port=0 starts it), stopped after. */
  private static double[] withLive(int threads, int seconds) throws Exception {
    LiveMetrics live = LiveMetrics.start(new LiveConfig(OptionalInt.of(0), "127.0.0.1", Duration.ZERO))
        .orElseThrow();
    try {
      return round(threads, seconds);
    } finally {
      live.stop();
    }
  }

  /** One round: ns of thread CPU per call, bytes allocated per call, calls per second over all threads. */
  private static double[] round(int threads, int seconds) throws Exception {
    StatusCounts.reset();
    LatencyTimeline.reset();
    AtomicBoolean stop = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    long[] calls = new long[threads];
    long[] cpuNanos = new long[threads];
    long[] bytes = new long[threads];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread worker = new Thread(() -> {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        await(start);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long bytes0 = mx.getThreadAllocatedBytes(id);
        long n = 0;
        long now = System.currentTimeMillis();
        while (!stop.get()) {
          for (int i = 0; i < 1024; i++, n++) {
            int code = (n % 100) == 0 ? 429 : 200;
            Observed.record(StatusCounts.ALL, NAMES[(int) (n % NAMES.length)], code, now - (n & 63), now);
          }
          // Time moves on as it does between responses, so the per-second structures roll over too.
          now = System.currentTimeMillis();
        }
        cpuNanos[index] = mx.getCurrentThreadCpuTime() - cpu0;
        bytes[index] = mx.getThreadAllocatedBytes(id) - bytes0;
        calls[index] = n;
      });
      workers.add(worker);
      worker.start();
    }
    await(start);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long total = 0;
    long cpu = 0;
    long allocated = 0;
    for (int t = 0; t < threads; t++) {
      total += calls[t];
      cpu += cpuNanos[t];
      allocated += bytes[t];
    }
    return new double[] {(double) cpu / total, (double) allocated / total, total / elapsed};
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
