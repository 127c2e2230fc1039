package dev.loadbearing.report;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Finding;
import dev.loadbearing.diagnosis.Grade;
import dev.loadbearing.diagnosis.Leak;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.telemetry.TopStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The server's side of the run for report.html: charts of the sampled series on the request charts' time
 * axis, and the diagnosis (grade, findings, leak verdict, top statements) as tables.
 */
public final class ServerSide {
  private static final double MB = 1024 * 1024;

  private ServerSide() {
  }

  /** Sections for {@link RunReport#write}; {@code runStart} is the epoch ms second 0 of the request charts. */
  public static List<RunReport.Section> sections(Telemetry telemetry, Diagnosis diagnosis, Grade grade,
                                                 long runStart, List<Chart.Band> phases) {
    List<RunReport.Section> sections = new ArrayList<>();
    sections.add(new RunReport.Section("Diagnosis", gradeHtml(grade) + diagnosisHtml(diagnosis)));
    StringBuilder charts = new StringBuilder();
    for (Chart chart : charts(telemetry, runStart, phases)) {
      if (!chart.isEmpty()) {
        charts.append("<h3>").append(Html.escape(chart.title())).append("</h3>").append(SvgChart.render(chart));
      }
    }
    for (String note : telemetry.notes()) {
      charts.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
    }
    sections.add(new RunReport.Section("Server side", charts.toString()));
    if (!telemetry.statements().isEmpty()) {
      sections.add(new RunReport.Section("Top statements by database time", statements(telemetry.statements())));
    }
    return sections;
  }

  static List<Chart> charts(Telemetry telemetry, long runStart, List<Chart.Band> phases) {
    Axis axis = new Axis(telemetry, runStart);
    double percentOfMachine = 100.0 / Math.max(1, telemetry.cores());
    return List.of(
        new Chart("CPU, % of the machine", "%", lines(
            axis.line("machine", "machine.cpu_percent", v -> v),
            axis.line("service", "service.cpu_cores", v -> v * percentOfMachine),
            axis.line("database", "database.cpu_cores", v -> v * percentOfMachine),
            axis.line("injector", "injector.cpu_cores", v -> v * percentOfMachine),
            axis.line("steal", "machine.steal_percent", v -> v)), phases),
        new Chart("Memory", "MB", lines(
            axis.line("service RSS", "service.rss_bytes", v -> v / MB),
            axis.summed("service heap used", telemetry.family("target.jvm_memory_used_bytes").stream()
                .filter(s -> s.name().contains("area=\"heap\"")).toList(), v -> v / MB),
            axis.line("injector heap after GC", "injector.heap_after_gc_bytes", v -> v / MB)), phases),
        new Chart("Service GC, ms per second", "ms/s", lines(
            axis.summedRate("GC pauses", telemetry.family("target.jvm_gc_pause_seconds_sum"), 1000)), phases),
        new Chart("Connection pool", "connections", lines(
            axis.summed("active", telemetry.family("target.hikaricp_connections_active"), v -> v),
            axis.summed("pending", telemetry.family("target.hikaricp_connections_pending"), v -> v)), phases),
        new Chart("Database", "per second / sessions", lines(
            axis.summedRate("transactions/s", telemetry.family("db.xact_commit_total"), 1),
            axis.summed("waiting sessions", telemetry.family("db.waiting_sessions"), v -> v),
            axis.line("lock waits", "db.lock_waits", v -> v)), phases));
  }

  private static List<Chart.Line> lines(Chart.Line... lines) {
    return java.util.Arrays.stream(lines).filter(line -> line.x().length > 0).toList();
  }

  /** The letter, or "invalid" and why, with no score to be mistaken for one of the target. */
  private static String gradeHtml(Grade grade) {
    String html = "<p class=\"grade\">Grade: <b>" + Html.escape(grade.letter()) + "</b> ";
    return html + (grade.valid() ? "(" + grade.score() + "/100)"
        : "— " + Html.escape(grade.invalidBecause()) + ". Do not compare or baseline this run.") + "</p>";
  }

  private static String diagnosisHtml(Diagnosis diagnosis) {
    StringBuilder html = new StringBuilder();
    Leak leak = diagnosis.leak();
    html.append("<p class=\"leak\">Leak verdict: <b>").append(Html.escape(String.valueOf(leak.verdict())))
        .append("</b> — ").append(Html.escape(leak.reason())).append("</p>");
    if (diagnosis.findings().isEmpty()) {
      return html.append("<p>No findings: nothing the rules look for limited this run.</p>").toString();
    }
    html.append("<table class=\"findings\"><tr><th>severity</th><th>finding</th><th>evidence</th>"
        + "<th>what to do</th></tr>");
    for (Finding finding : diagnosis.findings()) {
      html.append("<tr><td>").append(Html.escape(String.valueOf(finding.severity()))).append("</td><td>")
          .append(Html.escape(finding.title())).append("</td><td>").append(Html.escape(finding.evidence()))
          .append("</td><td>").append(Html.escape(finding.recommendation())).append("</td></tr>");
    }
    return html.append("</table>").toString();
  }

  private static String statements(List<TopStatement> statements) {
    StringBuilder html = new StringBuilder("<table class=\"statements\"><tr><th>statement</th><th>calls</th>"
        + "<th>total ms</th><th>mean ms</th><th>share %</th></tr>");
    for (TopStatement statement : statements) {
      html.append("<tr><td><code>").append(Html.escape(statement.query())).append("</code></td><td>")
          .append(statement.calls()).append("</td><td>").append(fixed(statement.totalMillis())).append("</td><td>")
          .append(fixed(statement.meanMillis())).append("</td><td>").append(fixed(statement.sharePercent()))
          .append("</td></tr>");
    }
    return html.append("</table>").toString();
  }

  private static String fixed(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Puts sampled points on the request charts' axis: seconds since the run's start. */
  private record Axis(Telemetry telemetry, long runStart) {
    Chart.Line line(String name, String series, DoubleUnaryOperator unit) {
      return telemetry.find(series).map(s -> line(name, s.times(), s.values(), unit))
          .orElse(new Chart.Line(name, new double[0], new double[0]));
    }

    /** Several labelled series of one family added up, point by point (they share the sampler's ticks). */
    Chart.Line summed(String name, List<Series> family, DoubleUnaryOperator unit) {
      if (family.isEmpty()) {
        return new Chart.Line(name, new double[0], new double[0]);
      }
      Series first = family.get(0);
      double[] sum = new double[first.size()];
      for (Series series : family) {
        for (int i = 0; i < Math.min(sum.length, series.size()); i++) {
          sum[i] += series.value(i);
        }
      }
      return line(name, first.times(), sum, unit);
    }

    /** The per-second increase of a summed counter family, times {@code factor}. */
    Chart.Line summedRate(String name, List<Series> family, double factor) {
      Chart.Line total = summed(name, family, v -> v);
      int n = total.x().length;
      if (n < 2) {
        return new Chart.Line(name, new double[0], new double[0]);
      }
      double[] x = new double[n - 1];
      double[] y = new double[n - 1];
      for (int i = 1; i < n; i++) {
        double seconds = total.x()[i] - total.x()[i - 1];
        x[i - 1] = total.x()[i];
        y[i - 1] = seconds <= 0 ? 0 : Math.max(0, total.y()[i] - total.y()[i - 1]) / seconds * factor;
      }
      return new Chart.Line(name, x, y);
    }

    private Chart.Line line(String name, long[] times, double[] values, DoubleUnaryOperator unit) {
      double[] x = new double[times.length];
      double[] y = new double[times.length];
      for (int i = 0; i < times.length; i++) {
        x[i] = Math.max(0, (times[i] - runStart) / 1000.0);
        y[i] = unit.applyAsDouble(values[i]);
      }
      return new Chart.Line(name, x, y);
    }
  }
}
