package dev.loadbearing.service.fuzz;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of answers by status and by route, and the first failing case of each kind, as the run goes. */
final class Tally {
  private static final int KINDS_SHOWN = 20;
  private final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
  private final Map<String, Map<Integer, LongAdder>> routes = new ConcurrentSkipListMap<>();
  /** The first case of each kind of failure (route, method, reason); later ones only count. */
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final LongAdder failed = new LongAdder();

  void count(GeneratedRequest request, WireClient.Answer answer) {
    statuses.computeIfAbsent(answer.status(), status -> new LongAdder()).increment();
    routes.computeIfAbsent(request.route(), route -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(answer.status(), status -> new LongAdder()).increment();
  }

  void fail(long caseSeed, GeneratedRequest request, WireClient.Answer answer, String reason) {
    failed.increment();
    failures.putIfAbsent(request.route() + " as " + request.method() + ": " + reason,
        "-Dfuzz.case-seed=" + caseSeed + "\n" + request.describe() + "\n  answer: " + answer);
  }

  long failed() {
    return failed.sum();
  }

  long cases() {
    return statuses.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** One example of each kind, the first {@link #KINDS_SHOWN} kinds only: enough to start from, short to read. */
  String failures() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(failures).entrySet().stream().limit(KINDS_SHOWN).forEach(kind -> text.append("\n- ")
        .append(kind.getKey()).append("\n  ").append(kind.getValue()));
    if (failures.size() > KINDS_SHOWN) {
      text.append("\n(and ").append(failures.size() - KINDS_SHOWN).append(" more kinds)");
    }
    return text.toString();
  }

  String statuses() {
    StringBuilder text = new StringBuilder("statuses: ").append(counts(statuses));
    routes.forEach((route, counts) -> text.append("\n  ").append(route).append(": ").append(counts(counts)));
    return text.toString();
  }

  private static String counts(Map<Integer, LongAdder> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ").append(status).append(" × ")
        .append(count.sum()));
    return text.toString();
  }
}
