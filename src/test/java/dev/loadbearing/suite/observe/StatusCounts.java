package dev.loadbearing.suite.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.ObjLongConsumer;

/**
 * HTTP status codes counted per population and request name, for this JVM's run. Gatling only knows OK
 * and KO; these counts make "429 under 1 %" or "exactly 50 × 429" judgeable. Filled by {@link Observed}'s
 * check on every request; reset when a run starts.
 *
 * <p>Recorded for every response on Gatling's event loops, so without boxing the status code (counters are
 * indexed by it) and without writing shared lines that have not changed (the span is read before it is moved).
 */
public final class StatusCounts {
  /** Population used when a session names none. */
  public static final String ALL = "all";
  private static final Map<String, Map<String, Statuses>> COUNTS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong[]> SPANS = new ConcurrentHashMap<>();

  private StatusCounts() {
  }

  public static void reset() {
    COUNTS.clear();
    SPANS.clear();
  }

  static void record(String population, String request, int status) {
    COUNTS.computeIfAbsent(population, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(request, r -> new Statuses()).increment(status);
    long now = System.currentTimeMillis();
    AtomicLong[] span = SPANS.computeIfAbsent(population,
        p -> new AtomicLong[] {new AtomicLong(Long.MAX_VALUE), new AtomicLong(Long.MIN_VALUE)});
    if (now < span[0].get()) {
      span[0].accumulateAndGet(now, Math::min);
    }
    if (now > span[1].get()) {
      span[1].accumulateAndGet(now, Math::max);
    }
  }

  /** Request name → status → count, summed over populations (what the run manifest carries). */
  public static Map<String, Map<Integer, Long>> byRequest() {
    Map<String, Map<Integer, Long>> result = new TreeMap<>();
    COUNTS.values().forEach(requests -> requests.forEach((request, statuses) -> statuses.forEach(
        (status, count) -> result.computeIfAbsent(request, r -> new TreeMap<>()).merge(status, count, Long::sum))));
    return result;
  }

  /**
   * Responses with a status matching {@code filter}, for one population (or all, with null) and request (or all,
   * with null).
   */
  public static long count(String population, String request, IntPredicate filter) {
    long total = 0;
    for (Map.Entry<String, Map<String, Statuses>> p : COUNTS.entrySet()) {
      if (population != null && !population.equals(p.getKey())) {
        continue;
      }
      for (Map.Entry<String, Statuses> r : p.getValue().entrySet()) {
        if (request != null && !request.equals(r.getKey())) {
          continue;
        }
        total += r.getValue().sum(filter);
      }
    }
    return total;
  }

  public static long count(String population, String request, int status) {
    return count(population, request, s -> s == status);
  }

  public static long total(String population, String request) {
    return count(population, request, s -> true);
  }

  /** Milliseconds between a population's first and last counted response (0 when none or one). */
  public static long spanMillis(String population) {
    AtomicLong[] span = SPANS.get(population);
    return span == null || span[1].get() < span[0].get() ? 0 : span[1].get() - span[0].get();
  }

  /** One request name's counts by status: an array indexed by the code, a map for codes outside 0-599. */
  private static final class Statuses {
    private static final int CODES = 600;
    private final AtomicReferenceArray<LongAdder> byCode = new AtomicReferenceArray<>(CODES);
    private final Map<Integer, LongAdder> unusual = new ConcurrentHashMap<>();

    void increment(int status) {
      if (status < 0 || status >= CODES) {
        unusual.computeIfAbsent(status, s -> new LongAdder()).increment();
        return;
      }
      LongAdder counter = byCode.get(status);
      if (counter == null) {
        byCode.compareAndSet(status, null, new LongAdder());
        counter = byCode.get(status);
      }
      counter.increment();
    }

    void forEach(ObjLongConsumer<Integer> action) {
      for (int code = 0; code < CODES; code++) {
        LongAdder counter = byCode.get(code);
        if (counter != null) {
          action.accept(code, counter.sum());
        }
      }
      unusual.forEach((code, counter) -> action.accept(code, counter.sum()));
    }

    long sum(IntPredicate filter) {
      long[] total = {0};
      forEach((code, count) -> total[0] += filter.test(code) ? count : 0);
      return total[0];
    }
  }
}
