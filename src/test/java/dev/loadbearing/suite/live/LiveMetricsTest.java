package dev.loadbearing.suite.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.LiveConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live endpoint over real HTTP on loopback: what it serves, a port that is taken, and that it stops. */
class LiveMetricsTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private LiveMetrics live;

  @AfterEach
  void stop() {
    if (live != null) {
      live.stop();
    }
  }

  private static LiveConfig onPort(int port, Duration linger) {
    return new LiveConfig(OptionalInt.of(port), "127.0.0.1", linger);
  }

  private static String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void isOffWithoutAPortAndThenRecordsNothing() {
    assertThat(LiveMetrics.start(new LiveConfig(OptionalInt.empty(), "127.0.0.1", Duration.ZERO))).isEmpty();
    assertThat(LiveRequests.current()).isNull();
  }

  @Test
  void servesCountsByStatusAndAHistogramWithClassicBucketsInPrometheusText() throws Exception {
    live = LiveMetrics.start(onPort(0, Duration.ZERO)).orElseThrow();
    LiveRequests requests = LiveRequests.current();
    requests.record("all", "GET /api/products", 200, 12, false);
    requests.record("all", "GET /api/products", 200, 30, false);
    requests.record("free", "GET /api/products", 429, 3, true);
    live.phases(() -> Map.of("hold", true));
    live.faults(() -> List.of(new LiveMetrics.Fault("stall", "database-stall", false)));
    live.telemetry(() -> Map.of("service.cpu_percent", 42.5));

    String text = scrape(live.url());
    assertThat(text)
        .contains("loadbearing_requests_total{outcome=\"ok\",population=\"all\",request=\"GET /api/products\","
            + "status=\"200\"} 2.0")
        .contains("loadbearing_requests_total{outcome=\"ko\",population=\"free\",request=\"GET /api/products\","
            + "status=\"429\"} 1.0")
        .contains("loadbearing_response_time_seconds_bucket{request=\"GET /api/products\",le=\"0.005\"} 1")
        .contains("loadbearing_response_time_seconds_bucket{request=\"GET /api/products\",le=\"0.025\"} 2")
        .contains("loadbearing_response_time_seconds_bucket{request=\"GET /api/products\",le=\"+Inf\"} 3")
        .contains("loadbearing_response_time_seconds_count{request=\"GET /api/products\"} 3")
        .contains("loadbearing_phase_active{phase=\"hold\"} 1.0")
        .contains("loadbearing_fault_active{fault=\"stall\",kind=\"database-stall\"} 0.0")
        .contains("loadbearing_telemetry{series=\"service.cpu_percent\"} 42.5");
  }

  @Test
  void aPortThatIsTakenStopsTheRunWithOneSentence() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LiveMetrics.start(onPort(taken.getLocalPort(), Duration.ZERO)))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith("Invalid Loadbearing configuration: -Dlive.port=" + taken.getLocalPort()
              + " cannot be served on 127.0.0.1 (BindException")
          .hasMessageNotContaining("\n");
    }
    assertThat(LiveRequests.current()).as("nothing recorded for a run that cannot start").isNull();
  }

  @Test
  void keepsServingForTheLingerAfterTheLoadThenStops() throws Exception {
    live = LiveMetrics.start(onPort(0, Duration.ofMillis(1500))).orElseThrow();
    LiveRequests.current().record("all", "GET /health", 200, 1, false);
    live.loadEnded();
    assertThat(LiveRequests.current()).as("no recording once the load is over").isNull();
    assertThat(scrape(live.url())).as("the final counts, still served after the load")
        .contains("loadbearing_requests_total{outcome=\"ok\",population=\"all\",request=\"GET /health\"");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try {
        scrape(live.url());
        Thread.sleep(200);
      } catch (ConnectException stopped) {
        refused = true;
      }
    }
    assertThat(refused).as("the endpoint stopped after its linger").isTrue();
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .as("no serving thread left").doesNotContain("HTTP-Dispatcher", "loadbearing-live");
  }
}
