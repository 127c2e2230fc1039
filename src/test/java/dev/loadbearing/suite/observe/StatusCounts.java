package dev.loadbearing.suite.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP status codes counted per population and request name, for this JVM's run. Gatling only knows OK
 * and KO; these counts make "429 under 1 %" or "exactly 50 × 429" judgeable. Filled by {@link Observed}'s
 * check on every request; reset when a run starts.
 */
public final class StatusCounts {
  /** Population used when a session names none. */
  public static final String ALL = "all";
  private static final Map<String, Map<String, Map<Integer, LongAdder>>> COUNTS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong[]> SPANS = new ConcurrentHashMap<>();

  private StatusCounts() {
  }

  public static void reset() {
    COUNTS.clear();
    SPANS.clear();
  }

  static void record(String population, String request, int status) {
    COUNTS.computeIfAbsent(population, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(request, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder()).increment();
    long now = System.currentTimeMillis();
    AtomicLong[] span = SPANS.computeIfAbsent(population,
        p -> new AtomicLong[] {new AtomicLong(Long.MAX_VALUE), new AtomicLong(Long.MIN_VALUE)});
    span[0].accumulateAndGet(now, Math::min);
    span[1].accumulateAndGet(now, Math::max);
  }

  /** Request name → status → count, summed over populations (what the run manifest carries). */
  public static Map<String, Map<Integer, Long>> byRequest() {
    Map<String, Map<Integer, Long>> result = new TreeMap<>();
    COUNTS.values().forEach(requests -> requests.forEach((request, statuses) -> statuses.forEach(
        (status, count) -> result.computeIfAbsent(request, r -> new TreeMap<>())
            .merge(status, count.sum(), Long::sum))));
    return result;
  }

  /**
   * Responses with a status matching {@code filter}, for one population (or all, with null) and request (or all,
   * with null).
   */
  public static long count(String population, String request, java.util.function.IntPredicate filter) {
    long total = 0;
    for (Map.Entry<String, Map<String, Map<Integer, LongAdder>>> p : COUNTS.entrySet()) {
      if (population != null && !population.equals(p.getKey())) {
        continue;
      }
      for (Map.Entry<String, Map<Integer, LongAdder>> r : p.getValue().entrySet()) {
        if (request != null && !request.equals(r.getKey())) {
          continue;
        }
        for (Map.Entry<Integer, LongAdder> s : r.getValue().entrySet()) {
          if (filter.test(s.getKey())) {
            total += s.getValue().sum();
          }
        }
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
}
