package dev.loadbearing.suite.live;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus server (v2.42), started for one test on loopback ports of its own with a temporary config and
 * storage, and stopped by {@link #close}: nothing is left running. Also its {@code promtool}.
 */
final class RealPrometheus implements AutoCloseable {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String api;
  private final Path log;

  private RealPrometheus(Process process, String api, Path log) {
    this.process = process;
    this.api = api;
    this.log = log;
  }

  /** Skips the test, saying why, where Prometheus is missing; fails it instead in CI, where .ci/run installs it. */
  static void assumeInstalled() {
    if (Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL)) {
      return;
    }
    String missing = "Prometheus is not installed (apt-get install prometheus); .ci/run installs it";
    if ("true".equals(System.getenv("CI"))) {
      fail(missing + ", and CI=true: a skipped live-metrics test would pass unseen");
    }
    assumeTrue(false, missing);
  }

  /** A port free on loopback now (a race with other processes is possible, and would fail the start loudly). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts Prometheus scraping {@code 127.0.0.1:target} every second; ready when this returns. */
  static RealPrometheus scraping(int target, Path directory) throws IOException, InterruptedException {
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n", "global:", "  scrape_interval: 1s", "  scrape_timeout: 1s",
        "scrape_configs:", "  - job_name: loadbearing", "    static_configs:",
        "      - targets: [\"127.0.0.1:" + target + "\"]", ""));
    int port = freePort();
    Path log = directory.resolve("prometheus.log");
    Process process = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RealPrometheus prometheus = new RealPrometheus(process, "http://127.0.0.1:" + port, log);
    try {
      prometheus.awaitReady();
    } catch (IOException | RuntimeException notReady) {
      prometheus.close();
      throw notReady;
    }
    return prometheus;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited at start: " + Files.readString(log));
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Prometheus was not ready within 30 s: " + Files.readString(log));
  }

  /** The JSON answer of an instant query at {@code epochSeconds}, whatever its status. */
  JsonNode query(String promql, double epochSeconds) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + encode(promql) + "&time=" + epochSeconds);
  }

  /** The JSON answer of a range query, whatever its status. */
  JsonNode queryRange(String promql, double start, double end, String step) throws IOException, InterruptedException {
    return get("/api/v1/query_range?query=" + encode(promql) + "&start=" + start + "&end=" + end + "&step=" + step);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code promtool check config file}: its exit code and output. */
  static Checked checkConfig(Path file) throws IOException, InterruptedException {
    Process promtool = new ProcessBuilder(List.of(PROMTOOL.toString(), "check", "config", file.toString()))
        .redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
      promtool.destroyForcibly();
      throw new IllegalStateException("promtool did not finish within 30 s");
    }
    return new Checked(promtool.exitValue(), output);
  }

  record Checked(int exitCode, String output) {
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops Prometheus: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
