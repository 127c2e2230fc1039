package dev.loadbearing.diagnosis;

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
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

/** The finding rules other than the leak; each looks only at series that exist and says nothing otherwise. */
final class Rules {
  private final Window w;
  private final DiagnosisConfig c;

  Rules(Window window, DiagnosisConfig config) {
    this.w = window;
    this.c = config;
  }

  /** The load generator ran out of CPU, itself or because the machine was full. */
  Optional<Finding> injectorSaturated() {
    DiagnosisConfig.InjectorSaturated t = c.injectorSaturated();
    Optional<Series> injector = w.series("injector.cpu_cores");
    Optional<Series> machine = w.series("machine.cpu_percent");
    // Of the cores the injector may use: pinned (taskset) or in a container with a CPU limit, that is fewer than
    // the machine's, and it saturates well before the machine does.
    double injectorCores = w.series("injector.available_cores").map(s -> s.value(s.size() - 1))
        .filter(cores -> cores > 0).orElse((double) w.cores());
    double saturatedCores = t.injectorCpuShare() * injectorCores;
    // A sample where the injector was the bottleneck: it used most cores itself, or the machine was full and
    // the injector was what filled most of it (a light target such as nginx beside a busy Gatling).
    LongPredicate injectorBound = time -> {
      double cores = injector.map(s -> s.valueAt(time)).orElse(0.0);
      double busyCores = machine.map(s -> s.valueAt(time) / 100 * w.cores()).orElse(0.0);
      return cores >= saturatedCores || machine.map(s -> s.valueAt(time) >= t.machineCpuPercent()).orElse(false)
          && cores >= t.injectorShareOfBusy() * busyCores;
    };
    double injectorShare = injector.map(s -> shareOfTimes(s, injectorBound)).orElse(0.0);
    double machineShare = machine.map(s -> share(s, v -> v >= t.machineCpuPercent())).orElse(0.0);
    if (Math.max(injectorShare, machineShare) < t.minTimeShare()) {
      return Optional.empty();
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> evidence = new ArrayList<>();
    Series held;
    if (injectorShare >= t.minTimeShare()) {
      Series s = injector.orElseThrow();
      held = s;
      evidence.add(String.format(Locale.ROOT, "the injector used ≥ %.2f cores (%.0f %% of the %.0f it may use), "
              + "or ≥ %.0f %% of a machine ≥ %.0f %% busy, in %.0f %% of samples (mean %.2f, max %.2f cores)",
          saturatedCores, 100 * t.injectorCpuShare(), injectorCores, 100 * t.injectorShareOfBusy(),
          t.machineCpuPercent(), 100 * injectorShare, s.mean(), s.max()));
    } else {
      held = machine.orElseThrow();
    }
    machine.ifPresent(s -> {
      figures.put("machineCpuPercentMean", s.mean());
      figures.put("machineSaturatedShare", machineShare);
      evidence.add(String.format(Locale.ROOT, "the machine was ≥ %.0f %% busy in %.0f %% of samples (mean %.0f %%)",
          t.machineCpuPercent(), 100 * machineShare, s.mean()));
    });
    injector.ifPresent(s -> {
      figures.put("injectorCpuCoresMean", s.mean());
      figures.put("injectorCpuCoresMax", s.max());
      figures.put("injectorSaturatedShare", injectorShare);
    });
    w.series("machine.steal_percent").filter(s -> s.mean() >= 1).ifPresent(s -> {
      figures.put("stealPercentMean", s.mean());
      evidence.add(String.format(Locale.ROOT, "the hypervisor stole %.1f %% of the CPU on average", s.mean()));
    });
    figures.put("cores", (double) w.cores());
    figures.put("injectorCores", injectorCores);
    double share = Math.max(injectorShare, machineShare);
    boolean byInjector = held == injector.orElse(null);
    LongPredicate condition = byInjector ? injectorBound : time -> held.valueAt(time) >= t.machineCpuPercent();
    String title = injectorShare >= t.minTimeShare()
        ? "The load generator was saturated: this run measured Gatling's machine, not the target"
        : "The machine's CPU was saturated: the load generator queued behind the target,"
            + " so the latencies are partly Gatling's";
    return Optional.of(new Finding("injector-saturated", Severity.CRITICAL, title,
        capitalize(String.join("; ", evidence)) + ".", figures, firstTimeWhere(held, condition),
        lastTimeWhere(held, condition),
        "Do not compare or baseline this run. Lower the load, or give the injector its own machine or more cores;"
            + " then run again.", share));
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
        firstWhere(s, v -> v >= limit), lastWhere(s, v -> v >= limit),
        label.equals("service")
            ? "CPU limited throughput: profile the hot paths (-Dprofile=true), cache, or add cores/instances."
            : "The database's CPU limited throughput: look at the top statements and their plans,"
                + " add indexes, or cache.",
        share));
  }

  /**
   * HikariCP: requests waited for a connection. Seen in the pending gauge's samples, and exactly in the pool's
   * timers where it has them: the share of time its connections were in use, and how many requests waited on
   * average (the acquire time summed over the run, per second of it).
   */
  Optional<Finding> poolSaturated() {
    DiagnosisConfig.Pool t = c.pool();
    Finding worst = null;
    for (Series pending : w.family("target.hikaricp_connections_pending")) {
      double share = share(pending, v -> v > 0);
      double timeouts = w.series(sibling(pending, "hikaricp_connections_timeout_total"))
          .map(Series::increase).orElse(0.0);
      Optional<Series> max = w.series(sibling(pending, "hikaricp_connections_max"));
      double size = max.map(s -> s.value(s.size() - 1)).orElse(Double.NaN);
      Optional<Series> used = w.series(sibling(pending, "hikaricp_connections_usage_seconds_sum"));
      Optional<Series> acquired = w.series(sibling(pending, "hikaricp_connections_acquire_seconds_sum"));
      double busy = used.map(s -> perSecond(s) / size).orElse(Double.NaN);
      double waiting = acquired.map(Rules::perSecond).orElse(Double.NaN);
      double acquires = w.series(sibling(pending, "hikaricp_connections_acquire_seconds_count"))
          .map(Series::increase).orElse(Double.NaN);
      double saturatedShare = used.isPresent() && acquired.isPresent()
          ? saturatedIntervals(used.get(), acquired.get(), size, t) : 0;
      if (share < t.minTimeShare() && timeouts <= 0 && saturatedShare < t.minTimeShare()) {
        continue;
      }
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("pendingTimeShare", share);
      figures.put("pendingMean", pending.mean());
      figures.put("pendingMax", pending.max());
      figures.put("timeouts", timeouts);
      StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT,
          "Requests waited for a database connection in %.0f %% of samples (pending mean %.1f, max %.0f)",
          100 * share, pending.mean(), pending.max()));
      if (!Double.isNaN(busy)) {
        figures.put("busyShare", busy);
        figures.put("saturatedTimeShare", saturatedShare);
        evidence.append(String.format(Locale.ROOT, "; in %.0f %% of the intervals between samples the pool was "
                + "≥ %.0f %% busy with ≥ %.1f requests waiting; over the run its %.0f connections were in use "
                + "%.0f %% of the time", 100 * saturatedShare, 100 * t.busyShare(), t.minWaiting(), size, 100 * busy));
      }
      if (!Double.isNaN(waiting) && acquires > 0) {
        double meanWaitMillis = 1000 * acquired.get().increase() / acquires;
        figures.put("waitingMean", waiting);
        figures.put("acquireMeanMillis", meanWaitMillis);
        evidence.append(String.format(Locale.ROOT,
            "; %.1f requests waited for one on average, %.1f ms per borrow (%.0f borrows)",
            waiting, meanWaitMillis, acquires));
      }
      Optional<Series> active = w.series(sibling(pending, "hikaricp_connections_active"));
      if (active.isPresent() && max.isPresent()) {
        figures.put("activeMax", active.get().max());
        figures.put("poolSize", size);
        evidence.append(String.format(Locale.ROOT, "; active connections reached %.0f of a pool of %.0f",
            active.get().max(), size));
      }
      if (timeouts > 0) {
        evidence.append(String.format(Locale.ROOT, "; %.0f requests gave up waiting", timeouts));
      }
      Finding f = new Finding("pool-saturated", timeouts > 0 ? Severity.CRITICAL : Severity.WARNING,
          "The database connection pool was saturated" + labelsOf(pending.name()), evidence + ".", figures,
          firstWhere(pending, v -> v > 0), lastWhere(pending, v -> v > 0),
          "Raise the pool size (db.pool-size) if the database has CPU to spare; otherwise shorten transactions"
              + " or make the slow statements faster.",
          Math.max(Math.max(share, saturatedShare), timeouts > 0 ? 1 : 0));
      if (worst == null || f.weight() > worst.weight()) {
        worst = f;
      }
    }
    return Optional.ofNullable(worst);
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
        firstWhere(s, v -> v > 0), lastWhere(s, v -> v > 0),
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

  // --- helpers ---

  static double share(Series s, DoublePredicate condition) {
    if (s.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (condition.test(s.value(i))) {
        n++;
      }
    }
    return (double) n / s.size();
  }

  /** Share of a series' sample times at which {@code condition} (given the time) holds. */
  private static double shareOfTimes(Series s, LongPredicate condition) {
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      n += condition.test(s.time(i)) ? 1 : 0;
    }
    return s.isEmpty() ? 0 : (double) n / s.size();
  }

  private static long firstTimeWhere(Series s, LongPredicate timeCondition) {
    for (int i = 0; i < s.size(); i++) {
      if (timeCondition.test(s.time(i))) {
        return s.time(i);
      }
    }
    return s.time(0);
  }

  private static long lastTimeWhere(Series s, LongPredicate timeCondition) {
    for (int i = s.size() - 1; i >= 0; i--) {
      if (timeCondition.test(s.time(i))) {
        return s.time(i);
      }
    }
    return s.time(s.size() - 1);
  }

  /**
   * Share of the intervals between two samples in which the pool was busy (connection-seconds used per second
   * and connection) and requests queued for it (acquire-seconds per second), from HikariCP's timers. A timer's
   * sum grows when a borrow ends, so each interval is credited with the borrows that ended in it.
   */
  private static double saturatedIntervals(Series used, Series acquired, double size, DiagnosisConfig.Pool t) {
    int intervals = 0;
    int saturated = 0;
    for (int i = 1; i < used.size(); i++) {
      double seconds = (used.time(i) - used.time(i - 1)) / 1000.0;
      if (seconds <= 0) {
        continue;
      }
      intervals++;
      double busy = (used.value(i) - used.value(i - 1)) / seconds / size;
      double waiting = (acquired.valueAt(used.time(i)) - acquired.valueAt(used.time(i - 1))) / seconds;
      saturated += busy >= t.busyShare() && waiting >= t.minWaiting() ? 1 : 0;
    }
    return intervals == 0 ? 0 : (double) saturated / intervals;
  }

  /** A counter's mean rate over its own span; NaN with fewer than two points. */
  private static double perSecond(Series counter) {
    return counter.span() <= 0 ? Double.NaN : counter.increase() / (counter.span() / 1000.0);
  }

  private static long firstWhere(Series s, DoublePredicate condition) {
    for (int i = 0; i < s.size(); i++) {
      if (condition.test(s.value(i))) {
        return s.time(i);
      }
    }
    return s.time(0);
  }

  private static long lastWhere(Series s, DoublePredicate condition) {
    for (int i = s.size() - 1; i >= 0; i--) {
      if (condition.test(s.value(i))) {
        return s.time(i);
      }
    }
    return s.time(s.size() - 1);
  }

  private static long firstIncrease(Series s) {
    for (int i = 1; i < s.size(); i++) {
      if (s.value(i) > s.value(i - 1)) {
        return s.time(i - 1);
      }
    }
    return s.time(0);
  }

  /**
   * The series of another metric with the same labels:
   * {@code target.a_pending{pool="x"}} → {@code target.b{pool="x"}}.
   */
  private static String sibling(Series s, String metric) {
    int brace = s.name().indexOf('{');
    return "target." + metric + (brace < 0 ? "" : s.name().substring(brace));
  }

  private static String labelsOf(String name) {
    int brace = name.indexOf('{');
    return brace < 0 ? "" : " " + name.substring(brace);
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
