package dev.loadbearing.service.faults;

import dev.loadbearing.service.Settings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service misbehaving on purpose, so that a diagnosis can be proven right: with
 * {@code -Dfault.leak-kb-per-request=64} every API request retains 64 KB that is never freed; with
 * {@code -Dfault.cpu-burn-ms=20} every API request first burns 20 ms of CPU on its worker thread; with
 * {@code -Dfault.db-latency-ms=50} every database connection the API borrows is held 50 ms longer before its first
 * statement, as a database a slow network hop away would (waiting, no CPU). All are off (0) by default, apply only
 * to {@code /api/**} (never to {@code /health} or {@code /metrics}, so probes and the telemetry sampler do not
 * change the dose) and are announced loudly at start. See docs/FAULTS.md.
 *
 * @param leakKbPerRequest KB each API request adds to a list that is never cleared; 0 = off
 * @param cpuBurnMs        ms of CPU each API request spends spinning before it is handled; 0 = off
 * @param dbLatencyMs      ms each borrowed database connection waits before it is used; 0 = off
 */
public record Faults(int leakKbPerRequest, int cpuBurnMs, int dbLatencyMs) {
  /** No fault: what the service runs with unless asked. */
  public static final Faults NONE = new Faults(0, 0, 0);
  /** Starts the line the service logs when any fault is on; the launcher repeats that line. */
  public static final String ANNOUNCEMENT = "FAULT INJECTION ON";
  public static final String LEAK_KEY = "fault.leak-kb-per-request";
  public static final String CPU_BURN_KEY = "fault.cpu-burn-ms";
  public static final String DB_LATENCY_KEY = "fault.db-latency-ms";
  /** What the leak has retained so far, as {@code fault_leaked_bytes} in /metrics. */
  public static final String LEAKED_METRIC = "fault.leaked";

  private static final int MAX_LEAK_KB = 1024 * 1024;
  private static final int MAX_BURN_MS = 60_000;
  private static final int MAX_DB_LATENCY_MS = 60_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The leak: static, only ever added to. */
  private static final Queue<byte[]> RETAINED = new ConcurrentLinkedQueue<>();
  private static final AtomicLong RETAINED_BYTES = new AtomicLong();
  /** Where the burn loop's result goes, so that the JIT cannot drop the loop as dead code. */
  private static volatile long sink;

  public Faults {
    if (leakKbPerRequest < 0 || cpuBurnMs < 0 || dbLatencyMs < 0) {
      throw new IllegalArgumentException("Faults are 0 (off) or more, not " + leakKbPerRequest + " KB, "
          + cpuBurnMs + " ms of CPU and " + dbLatencyMs + " ms of database latency");
    }
  }

  /** Leak and CPU burn, no database latency. */
  public Faults(int leakKbPerRequest, int cpuBurnMs) {
    this(leakKbPerRequest, cpuBurnMs, 0);
  }

  /** From {@code -Dfault.*} or {@code LOADBEARING_FAULT_*}; a negative or non-numeric value stops the start. */
  public static Faults from(Settings settings) {
    return new Faults(settings.intInRange(LEAK_KEY, 0, 0, MAX_LEAK_KB),
        settings.intInRange(CPU_BURN_KEY, 0, 0, MAX_BURN_MS),
        settings.intInRange(DB_LATENCY_KEY, 0, 0, MAX_DB_LATENCY_MS));
  }

  public boolean any() {
    return leakKbPerRequest > 0 || cpuBurnMs > 0 || dbLatencyMs > 0;
  }

  /** The start-up line, e.g. "FAULT INJECTION ON: every API request retains 64 KB, never freed (...)". */
  public String announcement() {
    List<String> what = new ArrayList<>();
    if (leakKbPerRequest > 0) {
      what.add("retains " + leakKbPerRequest + " KB, never freed (-D" + LEAK_KEY + "=" + leakKbPerRequest + ")");
    }
    if (cpuBurnMs > 0) {
      what.add("burns " + cpuBurnMs + " ms of CPU before it is handled (-D" + CPU_BURN_KEY + "=" + cpuBurnMs + ")");
    }
    if (dbLatencyMs > 0) {
      what.add("holds each database connection it borrows " + dbLatencyMs + " ms before using it (-D"
          + DB_LATENCY_KEY + "=" + dbLatencyMs + ")");
    }
    return ANNOUNCEMENT + ": every API request " + String.join(" and ", what)
        + ". This service misbehaves on purpose; its measurements show the faults.";
  }

  /** Publishes {@code fault_leaked_bytes} when the leak is on. */
  public void bindTo(MeterRegistry meters) {
    if (leakKbPerRequest > 0) {
      Gauge.builder(LEAKED_METRIC, RETAINED_BYTES, AtomicLong::get).baseUnit("bytes")
          .description("Bytes retained by -D" + LEAK_KEY + ", never freed").register(meters);
    }
  }

  /** Called on the worker thread of every API request, before its handler. */
  public void inject() {
    if (leakKbPerRequest > 0) {
      leak(leakKbPerRequest * 1024);
    }
    if (cpuBurnMs > 0) {
      burnCpu(cpuBurnMs * 1_000_000L);
    }
  }

  private static void leak(int bytes) {
    RETAINED.add(new byte[bytes]);
    RETAINED_BYTES.addAndGet(bytes);
  }

  /**
   * Spins until this thread has used {@code nanos} of CPU (by the thread's CPU clock where there is one, so a
   * busy machine makes the request slower but not cheaper; else by the wall clock).
   */
  static void burnCpu(long nanos) {
    boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    long start = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    long x = start;
    long used;
    do {
      for (int i = 0; i < 20_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        x ^= x >>> 29;
      }
      used = (cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start;
    } while (used < nanos);
    sink = x;
  }
}
