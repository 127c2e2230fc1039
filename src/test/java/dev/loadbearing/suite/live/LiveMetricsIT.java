package dev.loadbearing.suite.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.suite.simulations.LoadSimulation;
import dev.loadbearing.suite.support.ForkedGatling;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a real, short Load run every second through {@code -Dlive.port}; afterwards its PromQL
 * answers must agree with the run's stats.json, and every query of the Grafana dashboard (deploy/grafana) must
 * evaluate on what it recorded. Then nothing may be left: neither Prometheus nor the run's endpoint.
 */
class LiveMetricsIT {
  private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/loadbearing.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  void prometheusCountsWhatStatsJsonCountsAndEveryDashboardQueryEvaluates() throws Exception {
    RealPrometheus.assumeInstalled();
    int livePort = RealPrometheus.freePort();
    RealPrometheus prometheus = RealPrometheus.scraping(livePort, directory);
    try {
      double start = System.currentTimeMillis() / 1000.0;
      ForkedGatling run = ForkedGatling.run(LoadSimulation.class, Map.of("timeScale", "0.05",
          "live.port", String.valueOf(livePort), "live.linger", "3s"), Duration.ofMinutes(4));
      double end = System.currentTimeMillis() / 1000.0;
      assertThat(run.exitCode()).as("the Load run passed").isZero();
      assertThat(run.output()).containsOnlyOnce("Loadbearing live metrics: http://127.0.0.1:" + livePort
          + "/metrics (Prometheus text, served until 3 s after the load; docs/LIVE.md)");

      long count = JSON.readTree(run.statsJson().toFile()).path("global").path("count").asLong();
      assertThat(count).as("stats.json's request count").isPositive();
      assertThat(scalar(prometheus, "sum(max_over_time(loadbearing_requests_total[10m]))", end))
          .as("requests Prometheus scraped, thanks to the linger exactly stats.json's count").isEqualTo(count);
      assertThat(scalar(prometheus, "sum(max_over_time(loadbearing_response_time_seconds_count[10m]))", end))
          .as("observations in the response-time histogram").isEqualTo(count);
      assertThat(scalar(prometheus, "max(max_over_time(loadbearing_phase_active{phase=\"hold\"}[10m]))", end))
          .as("the hold phase was seen running").isEqualTo(1);
      assertThat(scalar(prometheus, "max(max_over_time(loadbearing_active_users{scenario=\"Load\"}[10m]))", end))
          .as("users were alive during the load").isPositive();
      assertThat(scalar(prometheus, "sum(last_over_time(loadbearing_active_users[10m]))", end))
          .as("every user counted out again by the end").isZero();
      assertThat(scalar(prometheus, "count(max_over_time(loadbearing_telemetry[10m]))", end))
          .as("server-side series from the telemetry sampler").isGreaterThan(10);

      for (DashboardQuery query : dashboardQueries()) {
        JsonNode answer = prometheus.queryRange(query.promql(), start, end, "1s");
        assertThat(answer.path("status").asText()).as(query + " -> " + answer).isEqualTo("success");
        if (query.expectsData()) {
          assertThat(answer.path("data").path("result")).as(query + " returned no series").isNotEmpty();
        }
      }
      // What one scrape of the endpoint cost, as Prometheus itself recorded it: for docs/LIVE.md.
      System.out.printf("LiveMetricsIT: stats.json %d requests, Prometheus %d; %d dashboard queries evaluated; "
          + "per scrape at most %d samples, %d ms%n", count, count, dashboardQueries().size(),
          scalar(prometheus, "max(max_over_time(scrape_samples_scraped[10m]))", end),
          scalar(prometheus, "1000 * max(max_over_time(scrape_duration_seconds[10m]))", end));
    } finally {
      prometheus.close();
    }
    assertThat(prometheus.isAlive()).as("Prometheus stopped").isFalse();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), livePort).close())
        .as("the run's endpoint is gone with it").isInstanceOf(ConnectException.class);
  }

  @Test
  void aBadOrTakenPortStopsTheRunBeforeAnyLoadWithOneSentenceAndExitCode2() throws Exception {
    ForkedGatling notANumber = ForkedGatling.run(LoadSimulation.class, Map.of("live.port", "abc"),
        Duration.ofMinutes(1));
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.output()).contains("Invalid Loadbearing configuration: -Dlive.port=abc is not a port: "
        + "give 1-65535, or 0 for a free one").doesNotContain("\tat ");

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ForkedGatling busy = ForkedGatling.run(LoadSimulation.class,
          Map.of("live.port", String.valueOf(taken.getLocalPort())), Duration.ofMinutes(1));
      assertThat(busy.exitCode()).isEqualTo(2);
      assertThat(busy.output()).contains("-Dlive.port=" + taken.getLocalPort() + " cannot be served on 127.0.0.1")
          .as("stopped before a service was launched for it").doesNotContain("starting the reference service")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void theComposePrometheusConfigPassesPromtool() throws Exception {
    RealPrometheus.assumeInstalled();
    RealPrometheus.Checked checked = RealPrometheus.checkConfig(Path.of("deploy/grafana/prometheus.yml"));
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(checked.output()).contains("SUCCESS");
  }

  private static long scalar(RealPrometheus prometheus, String promql, double at)
      throws IOException, InterruptedException {
    JsonNode answer = prometheus.query(promql, at);
    JsonNode result = answer.path("data").path("result");
    assertThat(result).as(promql + " -> " + answer).hasSize(1);
    return Math.round(Double.parseDouble(result.get(0).path("value").get(1).asText()));
  }

  /**
   * A PromQL expression of the dashboard (a panel's target, an annotation, the request variable), with Grafana's
   * variables replaced as Grafana would for a 1 s scrape: {@code $__rate_interval} is 4 scrape intervals.
   *
   * @param expectsData false where a Load run has nothing to show (errors, Chaos faults)
   */
  record DashboardQuery(String where, String promql, boolean expectsData) {
  }

  static List<DashboardQuery> dashboardQueries() throws IOException {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    List<DashboardQuery> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      for (JsonNode target : panel.path("targets")) {
        queries.add(query("panel '" + title + "'", target.path("expr").asText(),
            !title.startsWith("Errors") && !title.startsWith("Faults")));
      }
    }
    for (JsonNode annotation : dashboard.path("annotations").path("list")) {
      if (annotation.has("expr")) {
        queries.add(query("annotation '" + annotation.path("name").asText() + "'", annotation.path("expr").asText(),
            false));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String definition = variable.path("definition").asText();
      if (definition.startsWith("label_values(")) {
        // label_values(metric, label) is Grafana's; the same question in PromQL.
        String[] args = definition.substring("label_values(".length(), definition.length() - 1).split(",");
        queries.add(query("variable $" + variable.path("name").asText(),
            "group by (" + args[1].strip() + ") (" + args[0].strip() + ")", true));
      }
    }
    assertThat(queries).as("queries found in " + DASHBOARD).hasSizeGreaterThan(10);
    return queries;
  }

  private static DashboardQuery query(String where, String expr, boolean expectsData) {
    assertThat(expr).as(where + " has an expression").isNotBlank();
    String promql = expr.replace("$__rate_interval", "4s").replace("$__interval", "1s").replace("$request", ".*");
    assertThat(promql).as(where + ": a Grafana variable this test does not replace").doesNotContain("$");
    return new DashboardQuery(where, promql, expectsData);
  }
}
