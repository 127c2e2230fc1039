package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.SampleScan.firstIncrease;
import static dev.loadbearing.diagnosis.SampleScan.firstTime;
import static dev.loadbearing.diagnosis.SampleScan.lastTime;
import static dev.loadbearing.diagnosis.SampleScan.share;

import dev.loadbearing.stats.LlmUsage;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.TopStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The finding rules other than the leak, the injector's ({@link InjectorSaturation}) and the pool's
 * ({@link PoolSaturation}); each looks only at series that exist and says nothing otherwise.
 */
final class Rules {
  private final Window w;
  private final DiagnosisConfig c;

  Rules(Window window, DiagnosisConfig config) {
    this.w = window;
    this.c = config;
  }

  /** The service (label "service") or the database server ("database") used most of the machine's CPU. */
  Optional<Finding> cpuBound(String label) {
    Optional<Series> cores = label.equals("service") ? w.serviceCores() : w.series(label + ".cpu_cores");
    if (cores.isEmpty()) {
      return Optional.empty();
    }
    Series s = cores.get();
    double limit = c.cpuBound().cpuShare() * w.cores();
    double share = share(s, v -> v >= limit);
    if (share < c.cpuBound().minTimeShare()) {
      return Optional.empty();
    }
    String who = label.equals("service") ? "The service" : "The database server";
    return Optional.of(new Finding(label + "-cpu-bound", Severity.WARNING, who + " was CPU-bound",
        String.format(Locale.ROOT,
            "%s used ≥ %.2f cores (%.0f %% of %d) in %.0f %% of samples (mean %.2f, max %.2f cores).",
            who, limit, 100 * c.cpuBound().cpuShare(), w.cores(), 100 * share, s.mean(), s.max()),
        Map.of("cpuCoresMean", s.mean(), "cpuCoresMax", s.max(), "timeShare", share, "cores", (double) w.cores()),
        firstTime(s, i -> s.value(i) >= limit), lastTime(s, i -> s.value(i) >= limit),
        label.equals("service")
            ? "CPU limited throughput: profile the hot paths (-Dprofile=true), cache, or add cores/instances."
            : "The database's CPU limited throughput: look at the top statements and their plans,"
                + " add indexes, or cache.",
        share));
  }

  /** A JVM spent a large share of the time in GC pauses: the injector (JMX) and the service (Micrometer). */
  List<Finding> gcPressure() {
    List<Finding> findings = new ArrayList<>();
    w.series("injector.gc_seconds_total").ifPresent(s -> gc("injector", "The injector", s.increase(), s.span(),
        w.series("injector.gc_count_total").map(Series::increase).orElse(Double.NaN)).ifPresent(findings::add));
    List<Series> pauses = w.family("target.jvm_gc_pause_seconds_sum");
    if (!pauses.isEmpty()) {
      double seconds = pauses.stream().mapToDouble(Series::increase).sum();
      long span = pauses.stream().mapToLong(Series::span).max().orElse(0);
      double count = w.family("target.jvm_gc_pause_seconds_count").stream().mapToDouble(Series::increase).sum();
      gc("service", "The service", seconds, span, count).ifPresent(findings::add);
    }
    return findings;
  }

  private Optional<Finding> gc(String label, String who, double pauseSeconds, long spanMillis, double collections) {
    if (spanMillis <= 0) {
      return Optional.empty();
    }
    double share = pauseSeconds / (spanMillis / 1000.0);
    if (share < c.gc().warningTimeShare()) {
      return Optional.empty();
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("gcTimeShare", share);
    figures.put("gcSeconds", pauseSeconds);
    if (!Double.isNaN(collections)) {
      figures.put("collections", collections);
    }
    return Optional.of(new Finding(label + "-gc-pressure",
        share >= c.gc().criticalTimeShare() ? Severity.CRITICAL : Severity.WARNING,
        who + " spent " + String.format(Locale.ROOT, "%.0f %%", 100 * share) + " of the time in GC pauses",
        String.format(Locale.ROOT, "%s paused for GC %.1f s of %.0f s (%.1f %%)%s.",
            who, pauseSeconds, spanMillis / 1000.0, 100 * share,
            Double.isNaN(collections) ? "" : String.format(Locale.ROOT, " in %.0f collections", collections)),
        figures, w.from(), w.to(),
        "Give the JVM more heap (-Xmx) or allocate less per request; look for a leak if the heap after GC grows.",
        Math.min(1, share / Math.max(1e-9, c.gc().criticalTimeShare()))));
  }

  /** PostgreSQL sessions waited for locks often, or long. */
  Optional<Finding> lockContention() {
    Optional<Series> waits = w.series("db.lock_waits");
    if (waits.isEmpty()) {
      return Optional.empty();
    }
    Series s = waits.get();
    double share = share(s, v -> v > 0);
    double longest = w.series("db.lock_wait_max_seconds").map(Series::max).orElse(0.0);
    double maxWait = c.locks().maxWait().toMillis() / 1000.0;
    if (share < c.locks().minTimeShare() && longest < maxWait) {
      return Optional.empty();
    }
    return Optional.of(new Finding("lock-contention", Severity.WARNING, "Sessions waited for database locks",
        String.format(Locale.ROOT,
            "Lock waits in %.0f %% of samples (mean %.1f, max %.0f waiting); the longest wait seen was %.0f ms.",
            100 * share, s.mean(), s.max(), 1000 * longest),
        Map.of("lockWaitTimeShare", share, "lockWaitsMean", s.mean(), "lockWaitsMax", s.max(),
            "longestWaitSeconds", longest),
        firstTime(s, i -> s.value(i) > 0), lastTime(s, i -> s.value(i) > 0),
        "Shorten the transactions that hold the contended rows, take locks in one order, or avoid updating one hot row"
            + " from every request (e.g. a stock counter).", Math.max(share, longest >= maxWait ? 0.5 : 0)));
  }

  Optional<Finding> deadlocks() {
    return w.series("db.deadlocks_total").filter(s -> s.increase() > 0).map(s -> new Finding("deadlocks",
        Severity.WARNING, "PostgreSQL detected deadlocks",
        String.format(Locale.ROOT, "%.0f deadlocks during the run; each aborted a transaction.", s.increase()),
        Map.of("deadlocks", s.increase()), firstIncrease(s), s.time(s.size() - 1),
        "Make transactions that touch the same rows lock them in the same order (e.g. sorted by id).", 1));
  }

  /** The buffer cache served too few of the blocks. */
  Optional<Finding> lowCacheHit() {
    Optional<double[]> blocks = w.cacheBlocks();
    if (blocks.isEmpty()) {
      return Optional.empty();
    }
    double hits = blocks.get()[0];
    double reads = blocks.get()[1];
    if (hits + reads < c.cache().minBlocks()) {
      return Optional.empty();
    }
    double percent = 100 * hits / (hits + reads);
    if (percent >= c.cache().minHitPercent()) {
      return Optional.empty();
    }
    return Optional.of(new Finding("low-cache-hit", Severity.WARNING, "The database read from disk often",
        String.format(Locale.ROOT, "The buffer cache served %.1f %% of %.0f blocks (%.0f read from disk).",
            percent, hits + reads, reads),
        Map.of("cacheHitPercent", percent, "blocksRead", reads, "blocksHit", hits), w.from(), w.to(),
        "Raise shared_buffers, or add the index that turns a scan into a lookup.", (100 - percent) / 100));
  }

  /** One statement took most of the database's time. */
  Optional<Finding> slowStatement() {
    List<TopStatement> top = w.telemetry().statements();
    if (top.isEmpty() || top.get(0).sharePercent() < c.slowStatementMinSharePercent()) {
      return Optional.empty();
    }
    TopStatement s = top.get(0);
    String query = s.query().replaceAll("\\s+", " ");
    return Optional.of(new Finding("slow-statement", Severity.INFO, "One statement took most of the database's time",
        String.format(Locale.ROOT, "%.0f %% of execution time: %s (%d calls, mean %.2f ms, %.0f ms in all).",
            s.sharePercent(), query.length() > 160 ? query.substring(0, 160) + "…" : query, s.calls(), s.meanMillis(),
            s.totalMillis()),
        Map.of("sharePercent", s.sharePercent(), "calls", (double) s.calls(), "meanMillis", s.meanMillis(),
            "totalMillis", s.totalMillis()), w.telemetry().start(), w.telemetry().end(),
        "Look at its plan (EXPLAIN ANALYZE): an index, fewer rows, or a cache make the biggest difference here.",
        s.sharePercent() / 100));
  }

  /** The rate limiter answered a large share of the requests (HTTP 429, from stats.json's status counts). */
  Optional<Finding> rateLimited(StatsReport stats) {
    if (stats == null || stats.global() == null || !(stats.global().statusCounts() instanceof Map<?, ?> counts)) {
      return Optional.empty();
    }
    double total = 0;
    double limited = 0;
    for (Map.Entry<?, ?> e : counts.entrySet()) {
      double n = ((Number) e.getValue()).doubleValue();
      total += n;
      if (String.valueOf(e.getKey()).equals("429")) {
        limited += n;
      }
    }
    if (total == 0) {
      return Optional.empty();
    }
    double percent = 100 * limited / total;
    if (percent < c.rateLimit().warningPercent()) {
      return Optional.empty();
    }
    Map<String, Double> byName = new HashMap<>();
    for (StatsReport.Row row : stats.requests()) {
      if (row.statusCounts() instanceof Map<?, ?> m && m.get("429") instanceof Number n) {
        byName.put(row.name(), n.doubleValue());
      }
    }
    String most = byName.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(e -> String.format(Locale.ROOT, "; most on %s (%.0f)", e.getKey(), e.getValue())).orElse("");
    boolean dominating = percent >= c.rateLimit().criticalPercent();
    return Optional.of(new Finding("rate-limited", dominating ? Severity.CRITICAL : Severity.WARNING,
        dominating ? "The rate limiter dominated the run" : "The rate limiter rejected a share of the requests",
        String.format(Locale.ROOT, "HTTP 429 answered %.0f of %.0f responses (%.1f %%)%s.",
            limited, total, percent, most),
        Map.of("rateLimitedPercent", percent, "rateLimited", limited, "responses", total),
        stats.run() == null ? w.from() : stats.run().start(), stats.run() == null ? w.to() : stats.run().end(),
        "The latencies describe throttling, not the service. Raise the limit (ratelimit.multiplier, a higher tier)"
            + " or lower the load if you meant to measure the service.", percent / 100));
  }

  /** Assistant chats fell back to another provider or got a 503 (stats.json llm, read from the responses). */
  Optional<Finding> llmFallbacks(StatsReport stats) {
    if (stats == null || stats.llm() == null || stats.llm().total().chats() == 0) {
      return Optional.empty();
    }
    LlmUsage.Chats chats = stats.llm().total();
    double percent = 100 * chats.troubledShare();
    if (percent < c.llmFallbacks().warningPercent()) {
      return Optional.empty();
    }
    String failing = stats.llm().providers().entrySet().stream()
        .filter(e -> e.getValue().rateLimited() + e.getValue().timedOut() > 0)
        .map(e -> String.format(Locale.ROOT, "%s %d rate limited, %d timed out of %d attempts", e.getKey(),
            e.getValue().rateLimited(), e.getValue().timedOut(), e.getValue().attempts()))
        .reduce((a, b) -> a + "; " + b).map(text -> " (" + text + ")").orElse("");
    Severity severity = chats.chats() < c.llmFallbacks().minChats() ? Severity.INFO
        : percent >= c.llmFallbacks().criticalPercent() ? Severity.CRITICAL : Severity.WARNING;
    return Optional.of(new Finding("llm-fallbacks", severity,
        chats.unavailable() > 0 ? "Assistant providers fell back or were exhausted (HTTP 503)"
            : "Assistant providers fell back to the next one",
        String.format(Locale.ROOT, "%d of %d chats fell back to another provider and %d got HTTP 503 "
            + "(%.1f %%)%s.", chats.fallbacks(), chats.chats(), chats.unavailable(), percent, failing),
        Map.of("troubledPercent", percent, "chats", (double) chats.chats(), "fallbacks", (double) chats.fallbacks(),
            "unavailable", (double) chats.unavailable()),
        stats.run() == null ? w.from() : stats.run().start(), stats.run() == null ? w.to() : stats.run().end(),
        "A fallback costs the first provider's wait (up to its timeout) and changes the price; a 503 is a failed "
            + "chat. Raise the providers' limits or timeouts, spread chats over time, or put the provider that "
            + "holds the load first.", percent / 100));
  }

}
