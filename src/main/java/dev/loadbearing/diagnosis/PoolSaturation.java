package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.SampleScan.firstTime;
import static dev.loadbearing.diagnosis.SampleScan.lastTime;
import static dev.loadbearing.diagnosis.SampleScan.share;

import dev.loadbearing.telemetry.Series;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rule {@code pool-saturated}, HikariCP: requests waited for a connection. Seen in the pending gauge's
 * samples, and exactly in the pool's timers where it has them: the share of time its connections were in use,
 * and how many requests waited on average (the acquire time summed over the run, per second of it). With several
 * pools, the one that limited the run most.
 */
final class PoolSaturation {
  private PoolSaturation() {
  }

  static Optional<Finding> of(Window w, DiagnosisConfig c) {
    Finding worst = null;
    for (Series pending : w.family("target.hikaricp_connections_pending")) {
      Optional<Finding> f = of(w, c.pool(), pending);
      if (f.isPresent() && (worst == null || f.get().weight() > worst.weight())) {
        worst = f.get();
      }
    }
    return Optional.ofNullable(worst);
  }

  private static Optional<Finding> of(Window w, DiagnosisConfig.Pool t, Series pending) {
    double share = share(pending, v -> v > 0);
    double timeouts = w.series(sibling(pending, "hikaricp_connections_timeout_total"))
        .map(Series::increase).orElse(0.0);
    Optional<Series> max = w.series(sibling(pending, "hikaricp_connections_max"));
    double size = max.map(s -> s.value(s.size() - 1)).orElse(Double.NaN);
    Optional<Series> used = w.series(sibling(pending, "hikaricp_connections_usage_seconds_sum"));
    Optional<Series> acquired = w.series(sibling(pending, "hikaricp_connections_acquire_seconds_sum"));
    double busy = used.map(s -> perSecond(s) / size).orElse(Double.NaN);
    double waiting = acquired.map(PoolSaturation::perSecond).orElse(Double.NaN);
    double acquires = w.series(sibling(pending, "hikaricp_connections_acquire_seconds_count"))
        .map(Series::increase).orElse(Double.NaN);
    double saturatedShare = used.isPresent() && acquired.isPresent()
        ? saturatedIntervals(used.get(), acquired.get(), size, t) : 0;
    if (share < t.minTimeShare() && timeouts <= 0 && saturatedShare < t.minTimeShare()) {
      return Optional.empty();
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
    return Optional.of(new Finding("pool-saturated", timeouts > 0 ? Severity.CRITICAL : Severity.WARNING,
        "The database connection pool was saturated" + labelsOf(pending.name()), evidence + ".", figures,
        firstTime(pending, i -> pending.value(i) > 0), lastTime(pending, i -> pending.value(i) > 0),
        "Raise the pool size (db.pool-size) if the database has CPU to spare; otherwise shorten transactions"
            + " or make the slow statements faster.",
        Math.max(Math.max(share, saturatedShare), timeouts > 0 ? 1 : 0)));
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
}
