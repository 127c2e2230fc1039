package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus source against small loopback servers: a good endpoint, none, an HTML page, nobody. */
class PrometheusSourceTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    route("/metrics", 200, "# TYPE up gauge\nup 1\nhttp_requests_total{code=\"200\",path=\"/a\"} 17\nodd line here\n"
        + "# TYPE t_seconds histogram\nt_seconds_bucket{le=\"0.1\"} 3\nt_seconds_bucket{le=\"+Inf\"} 4\n"
        + "t_seconds_count 4\nt_seconds_sum 0.9\n");
    route("/missing", 404, "not found");
    route("/html", 200, "<html><body>hello</body></html>");
    route("/broken", 500, "oops");
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void route(String path, int status, String body) {
    server.createContext(path, exchange -> {
      requests.incrementAndGet();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void recordsEverySampleButHistogramBucketsUnderTargetAndNotesOnce() throws Exception {
    PrometheusSource source = new PrometheusSource(url("/metrics"));
    Recorded out = new Recorded();
    source.sample(out);
    source.sample(out);
    assertThat(out.last).containsOnlyKeys("target.up", "target.http_requests_total{code=\"200\",path=\"/a\"}",
            "target.t_seconds_count", "target.t_seconds_sum")
        .containsEntry("target.http_requests_total{code=\"200\",path=\"/a\"}", 17.0);
    assertThat(out.notes).hasSize(2);
    assertThat(out.notes.get(0)).contains("1 lines could not be read").contains("line 4");
    assertThat(out.notes.get(1)).contains("2 histogram bucket series are not recorded");
  }

  @Test
  void aTargetWithoutAnEndpointGetsOneNoteAndIsNotAskedAgain() throws Exception {
    PrometheusSource source = new PrometheusSource(url("/missing"));
    Recorded out = new Recorded();
    for (int i = 0; i < 3; i++) {
      source.sample(out);
    }
    assertThat(out.notes).singleElement().asString().contains("no Prometheus endpoint").contains("HTTP 404");
    assertThat(requests.get()).isEqualTo(1);
    assertThat(out.last).isEmpty();
  }

  @Test
  void aPageThatIsNotTheTextFormatGetsOneNote() throws Exception {
    PrometheusSource source = new PrometheusSource(url("/html"));
    Recorded out = new Recorded();
    source.sample(out);
    source.sample(out);
    assertThat(out.notes).singleElement().asString().contains("does not answer in Prometheus text format");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void serverErrorsAndAnUnreachableTargetAreFailuresTheSamplerRetries() throws Exception {
    assertThatThrownBy(() -> new PrometheusSource(url("/broken")).sample(new Recorded()))
        .hasMessageContaining("HTTP 500");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/metrics");
    TelemetrySampler sampler = TelemetrySampler.start(Sources.none().withPrometheus(nobody).withMachine(),
        Duration.ofMillis(50));
    Thread.sleep(300);
    Telemetry telemetry = sampler.stop();
    assertThat(telemetry.notes()).singleElement().asString().contains("prometheus " + nobody);
    assertThat(telemetry.find("machine.cpu_percent")).isPresent();
  }
}
