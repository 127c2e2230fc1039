package dev.loadbearing.diagnosis;

import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code server} section of stats.json: per sampled series its mean, p95, max and slope, and the figures
 * the comparator can judge between runs (CPU per request, GC share of time, database time per request).
 *
 * @param series  name → summary, for the service, database, injector, machine and PostgreSQL series, and the
 *                target's pool, heap and GC series
 * @param figures run-level figures; absent when the series behind them were not sampled
 */
public record ServerSummary(Map<String, SeriesSummary> series, Map<String, Double> figures) {
  private static final List<String> OWN_PREFIXES = List.of("service.", "database.", "injector.", "machine.", "db.");
  private static final List<String> TARGET_FAMILIES = List.of("target.hikaricp_connections_active",
      "target.hikaricp_connections_pending", "target.jvm_memory_used_bytes", "target.jvm_gc_pause_seconds_sum",
      "target.process_cpu_usage", "target.jvm_memory_heap_after_gc_bytes");

  /** @param slopePerMinute least-squares slope of the value over time, per minute */
  public record SeriesSummary(double mean, double p95, double max, double slopePerMinute, int points) {
  }

  public static ServerSummary of(Telemetry telemetry, StatsReport stats) {
    Map<String, SeriesSummary> summaries = new LinkedHashMap<>();
    for (Series series : telemetry.series().values()) {
      boolean wanted = OWN_PREFIXES.stream().anyMatch(series.name()::startsWith)
          || TARGET_FAMILIES.stream().anyMatch(family -> series.name().equals(family)
              || series.name().startsWith(family + "{"));
      if (wanted && !series.isEmpty()) {
        summaries.put(series.name(), summarize(series));
      }
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    Grade.cpuMillisPerRequest(stats, telemetry).ifPresent(v -> figures.put("serviceCpuMillisPerRequest", v));
    List<Series> pauses = telemetry.family("target.jvm_gc_pause_seconds_sum");
    if (!pauses.isEmpty() && pauses.get(0).span() > 0) {
      double seconds = pauses.stream().mapToDouble(Series::increase).sum();
      figures.put("serviceGcTimeShare", seconds / (pauses.get(0).span() / 1000.0));
    }
    long requests = stats.global().count();
    if (!telemetry.statements().isEmpty() && requests > 0) {
      double total = telemetry.statements().stream().mapToDouble(s -> s.totalMillis() * 100 / Math.max(
          s.sharePercent(), 1e-9)).findFirst().orElse(0);
      figures.put("databaseMillisPerRequest", total / requests);
    }
    return new ServerSummary(summaries, figures);
  }

  static SeriesSummary summarize(Series series) {
    double[] values = series.values();
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double p95 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
    return new SeriesSummary(round(series.mean()), round(p95), round(series.max()), round(slopePerMinute(series)),
        values.length);
  }

  static double slopePerMinute(Series series) {
    int n = series.size();
    if (n < 2) {
      return 0;
    }
    double meanT = 0;
    double meanV = 0;
    for (int i = 0; i < n; i++) {
      meanT += series.time(i) / 60_000.0;
      meanV += series.value(i);
    }
    meanT /= n;
    meanV /= n;
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      double dt = series.time(i) / 60_000.0 - meanT;
      covariance += dt * (series.value(i) - meanV);
      variance += dt * dt;
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
