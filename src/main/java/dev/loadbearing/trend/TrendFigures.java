package dev.loadbearing.trend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.report.Chart;
import dev.loadbearing.report.TrendPage;
import dev.loadbearing.stats.StatsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the trend charts, one chart per panel, and tabulates, one column per figure: the whole run's latency,
 * throughput and errors, and the server figures a reader needs to see why they moved (service CPU and database
 * time per request, the service's heap after GC), from stats.json's {@code server} section.
 */
final class TrendFigures {
  /** A figure of one run; null when the run did not measure it (no telemetry, an older stats.json). */
  record Figure(String line, String column, Function<StatsReport, Double> of) {
  }

  record Panel(String title, String unit, List<Figure> figures) {
  }

  private static final double MB = 1024 * 1024;

  static final List<Panel> PANELS = List.of(
      new Panel("Response time percentiles, all requests", "ms", List.of(
          new Figure("p50", "p50 ms", r -> (double) r.global().p50()),
          new Figure("p95", "p95 ms", r -> (double) r.global().p95()),
          new Figure("p99", "p99 ms", r -> (double) r.global().p99()))),
      new Panel("Throughput", "req/s", List.of(
          new Figure("mean requests/s", "req/s", r -> r.global().meanRequestsPerSec()))),
      new Panel("Error rate", "%", List.of(
          new Figure("KO %", "KO %", r -> r.global().koPercent()))),
      new Panel("Service CPU per request", "ms", List.of(
          new Figure("service CPU", "CPU ms/req", r -> serverFigure(r, "serviceCpuMillisPerRequest")))),
      new Panel("Database time per request", "ms", List.of(
          new Figure("database", "DB ms/req", r -> serverFigure(r, "databaseMillisPerRequest")))),
      new Panel("Service heap after GC (highest sample)", "MB", List.of(
          new Figure("heap after GC", "heap MB", TrendFigures::heapAfterGcMegabytes))));

  private TrendFigures() {
  }

  /** One panel over {@code runs} (oldest first): x is the run's index; a run without the figure has no point. */
  static Chart chart(Panel panel, List<StatsReport> runs) {
    List<Chart.Line> lines = new ArrayList<>();
    for (Figure figure : panel.figures()) {
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        Double value = figure.of().apply(runs.get(i));
        if (value != null && Double.isFinite(value)) {
          points.add(new double[] {i, value});
        }
      }
      lines.add(new Chart.Line(figure.line(), points.stream().mapToDouble(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> p[1]).toArray()));
    }
    return new Chart(panel.title(), panel.unit(), lines, List.of());
  }

  /** Every figure's column name, in panel order. */
  static List<String> columns() {
    return PANELS.stream().flatMap(p -> p.figures().stream()).map(Figure::column).toList();
  }

  /** Every figure of one run as the table shows it; "–" where the run did not measure it. */
  static List<String> cells(StatsReport run) {
    return PANELS.stream().flatMap(p -> p.figures().stream()).map(f -> shown(f.of().apply(run))).toList();
  }

  static String shown(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "–";
    }
    return TrendPage.number(value);
  }

  private static Double serverFigure(StatsReport run, String name) {
    JsonNode figure = run.server() == null ? null : run.server().path("figures").get(name);
    return figure != null && figure.isNumber() ? figure.doubleValue() : null;
  }

  private static Double heapAfterGcMegabytes(StatsReport run) {
    JsonNode max = run.server() == null ? null
        : run.server().path("series").path("target.jvm_memory_heap_after_gc_bytes").get("max");
    return max != null && max.isNumber() ? Math.round(max.doubleValue() / MB * 10) / 10.0 : null;
  }
}
