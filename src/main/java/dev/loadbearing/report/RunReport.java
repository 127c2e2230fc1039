package dev.loadbearing.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.stats.StatsExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html} for one run folder: one self-contained page (no script, no network) with the requests,
 * errors and percentiles over time on one axis, the profile's phases marked, the SLAs and every request row,
 * and whatever further sections (server side, diagnosis) the caller adds.
 */
public final class RunReport {
  public static final String FILE_NAME = "report.html";

  private RunReport() {
  }

  /** A titled block of HTML after the request charts: server-side charts, findings, tables. */
  public record Section(String title, String html) {
  }

  /** Writes report.html into {@code runFolder} from its stats.json and simulation.log; returns its path. */
  public static Path write(Path runFolder, List<Section> extra) {
    return write(runFolder, List.of(runFolder.resolve("simulation.log")), extra);
  }

  /** As {@link #write(Path, List)}, the timeline drawn from these logs together (a merged run's parts). */
  public static Path write(Path runFolder, List<Path> simulationLogs, List<Section> extra) {
    try {
      JsonNode stats = StatsExporter.mapper().readTree(runFolder.resolve(StatsExporter.FILE_NAME).toFile());
      List<RequestTimeline.Point> timeline = RequestTimeline.of(simulationLogs);
      String html = page(stats, requestCharts(timeline, phases(stats)), extra);
      Path file = runFolder.resolve(FILE_NAME);
      Path temporary = Files.createTempFile(runFolder, FILE_NAME, ".tmp");
      Files.writeString(temporary, html, StandardCharsets.UTF_8);
      return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("report.html not written in " + runFolder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The profile's phases from the run manifest ({@code run.parameters.phases}, timed from the first request),
   * as bands in seconds since the run's start; then a Chaos run's fault windows ({@code chaos.faults}, epoch ms),
   * named {@code fault <name>}.
   */
  static List<Chart.Band> phases(JsonNode stats) {
    List<Chart.Band> bands = new ArrayList<>();
    for (JsonNode phase : stats.path("run").path("parameters").path("phases")) {
      double from = phase.path("startMs").asDouble() / 1000;
      bands.add(new Chart.Band(phase.path("name").asText(), from, from + phase.path("lengthMs").asDouble() / 1000));
    }
    long runStart = stats.path("run").path("start").asLong();
    for (JsonNode fault : stats.path("chaos").path("faults")) {
      long began = fault.path("beganAt").asLong();
      long ended = fault.path("endedAt").asLong();
      if (began > 0 && ended >= began) {
        bands.add(new Chart.Band(Chart.FAULT + fault.path("name").asText(), (began - runStart) / 1000.0,
            (ended - runStart) / 1000.0));
      }
    }
    return bands;
  }

  static List<Chart> requestCharts(List<RequestTimeline.Point> timeline, List<Chart.Band> phases) {
    int n = timeline.size();
    double[] x = new double[n];
    double[] requests = new double[n];
    double[] errors = new double[n];
    double[] p50 = new double[n];
    double[] p95 = new double[n];
    double[] p99 = new double[n];
    for (int i = 0; i < n; i++) {
      RequestTimeline.Point point = timeline.get(i);
      x[i] = point.second();
      requests[i] = point.requests();
      errors[i] = point.errors();
      p50[i] = point.p50();
      p95[i] = point.p95();
      p99[i] = point.p99();
    }
    return List.of(
        new Chart("Requests per second", "req/s", List.of(new Chart.Line("requests", x, requests),
            new Chart.Line("errors", x, errors)), phases),
        new Chart("Response time percentiles, second by second", "ms", List.of(new Chart.Line("p50", x, p50),
            new Chart.Line("p95", x, p95), new Chart.Line("p99", x, p99)), phases));
  }

  private static String page(JsonNode stats, List<Chart> charts, List<Section> extra) {
    JsonNode run = stats.path("run");
    boolean passed = true;
    for (JsonNode sla : stats.path("slas")) {
      passed &= sla.path("passed").asBoolean();
    }
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(run.path("simulation").asText())).append(" — Loadbearing report</title><style>")
        .append(STYLE).append("</style></head><body>");
    html.append("<h1>").append(Html.escape(run.path("simulation").asText())).append(" <span class=\"verdict ")
        .append(passed ? "pass\">SLAs met" : "fail\">SLAs broken").append("</span></h1>");
    html.append("<p class=\"meta\">").append(Instant.ofEpochMilli(run.path("start").asLong()))
        .append(" · ").append(run.path("durationSeconds").asLong()).append(" s · target ")
        .append(Html.escape(run.path("target").asText("?"))).append(" · commit ")
        .append(Html.escape(run.path("gitCommit").asText("?"))).append("</p>");
    for (Chart chart : charts) {
      html.append("<h2>").append(Html.escape(chart.title())).append("</h2>").append(SvgChart.render(chart));
    }
    for (Section section : extra) {
      html.append("<h2>").append(Html.escape(section.title())).append("</h2>").append(section.html());
    }
    html.append(slaTable(stats)).append(requestTable(stats)).append("</body></html>");
    return html.toString();
  }

  private static String slaTable(JsonNode stats) {
    StringBuilder html = new StringBuilder("<h2>SLAs</h2><table class=\"slas\"><tr><th>scope</th><th>metric</th>"
        + "<th>bound</th><th>actual</th><th></th></tr>");
    for (JsonNode sla : stats.path("slas")) {
      html.append("<tr><td>").append(Html.escape(sla.path("scope").asText())).append("</td><td>")
          .append(Html.escape(sla.path("metric").asText())).append("</td><td>")
          .append(Html.escape(sla.path("operator").asText())).append(' ').append(number(sla.path("threshold")))
          .append("</td><td>").append(number(sla.path("actual"))).append("</td><td>")
          .append(!sla.path("judged").asBoolean(true) ? "<span title=\"" + Html.escape(sla.path("note").asText())
              + "\">not judged</span>" : sla.path("passed").asBoolean() ? "✔" : "<b class=\"fail\">✘</b>")
          .append("</td></tr>");
    }
    return html.append("</table>").toString();
  }

  private static String requestTable(JsonNode stats) {
    StringBuilder html = new StringBuilder("<h2>Requests</h2><table class=\"requests\"><tr><th>request</th>"
        + "<th>count</th><th>KO %</th><th>req/s</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
    List<JsonNode> rows = new ArrayList<>();
    rows.add(stats.path("global"));
    stats.path("requests").forEach(rows::add);
    for (JsonNode row : rows) {
      html.append("<tr><td>").append(Html.escape(row.path("key").asText())).append("</td>");
      for (String field : List.of("count", "koPercent", "meanRequestsPerSec", "p50", "p95", "p99", "max")) {
        html.append("<td>").append(number(row.path(field))).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</table>").toString();
  }

  private static String number(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "–";
    }
    double d = value.asDouble();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  static final String STYLE = """
      body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
      h1{font-size:22px}h2{font-size:16px;margin-top:28px}.meta{color:#666}
      .verdict{font-size:14px;padding:2px 8px;border-radius:4px}.pass{background:#d4edda}.fail{background:#f8d7da}
      svg.chart{display:block;border:1px solid #eee}.grid{stroke:#eee}.tick,.unit,.legend,.phase-name{font-size:11px}
      .phase{fill:#f3f6fb;stroke:#dde3ee}.fault{fill:#fbe3e1;stroke:#e8a6a0;fill-opacity:.8}.series{stroke-width:1.5}
      table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}
      td:first-child,th:first-child{text-align:left}
      """;
}
