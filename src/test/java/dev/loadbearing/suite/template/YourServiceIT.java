package dev.loadbearing.suite.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.suite.support.ForkedGatling;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template simulation against a service nobody here wrote: a real nginx (Debian's package), started here
 * on a free loopback port with two routes and no {@code /health} or {@code /metrics}. The Load shape's short
 * form must pass with its verdicts; nginx's access log must show no path the template did not name, except the
 * one request of the telemetry sampler for /metrics (a 404 it notes and does not ask again).
 */
class YourServiceIT {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Path TASKSET = Path.of("/usr/bin/taskset");
  private static final Set<String> NAMED_PATHS = Set.of("/", "/api/items");

  @TempDir
  Path dir;
  private Process nginx;
  private String baseUrl;

  @BeforeEach
  void startNginx() throws Exception {
    assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx-light); .ci/run installs it");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("nginx.conf"), """
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 1024; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;
          uwsgi_temp_path %1$s; scgi_temp_path %1$s;
          server {
            listen 127.0.0.1:%2$d;
            location = / { return 200 "hello\\n"; }
            location = /api/items { default_type application/json; return 200 '[{"id":1},{"id":2}]'; }
            location / { return 404; }
          }
        }
        """.formatted(dir, port));
    List<String> command = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    if (Files.isExecutable(TASKSET) && cores >= 2) {
      // On the last core, away from the injector that one test pins to core 0.
      command.addAll(List.of(TASKSET.toString(), "-c", String.valueOf(cores - 1)));
    }
    command.addAll(List.of(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()));
    nginx = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    awaitListening(port);
    baseUrl = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void stopNginx() throws InterruptedException {
    if (nginx != null && nginx.isAlive()) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    }
  }

  @Test
  void theTemplatePassesAgainstNginxAndRequestsOnlyWhatItNames() throws Exception {
    ForkedGatling run = ForkedGatling.run(YourServiceSimulation.class, Map.of("baseUrl", baseUrl, "timeScale", "0.05",
        "loadbearing.target.health-path", "", "loadbearing.target.warm-up-path", ""), Duration.ofMinutes(3));

    assertThat(run.exitCode()).as("Gatling's exit code").isZero();
    assertThat(run.output()).contains("verify: 5xx share: count of failed events is 0.0 : true")
        .contains("verify: 429 share: count of failed events is 0.0 : true");
    List<String> paths = Files.readAllLines(dir.resolve("access.log")).stream()
        .map(line -> line.split("\"")[1].split(" ")[1]).toList();
    List<String> load = paths.stream().filter(path -> !path.equals("/metrics")).toList();
    assertThat(load).as("paths nginx was asked for by the load").isNotEmpty().allMatch(NAMED_PATHS::contains);
    // The telemetry sampler asks for the Prometheus endpoint once; a 404 is noted and not asked again.
    assertThat(paths).as("requests for /metrics").containsOnlyOnce("/metrics");
    JsonNode telemetry = new ObjectMapper().readTree(run.statsJson().resolveSibling("telemetry.json").toFile());
    assertThat(telemetry.get("notes").toString()).contains("/metrics").contains("404");
    JsonNode stats = new ObjectMapper().readTree(run.statsJson().toFile());
    assertThat(stats.get("requests")).extracting(row -> row.get("name").asText())
        .as("request rows in stats.json").containsOnly("GET /", "GET /api/items");
    assertThat(stats.get("global").get("count").asLong()).isEqualTo(load.size());
  }

  @Test
  void aLoadGeneratorThatCannotKeepUpIsToldApartFromTheTarget() throws Exception {
    assumeTrue(Files.isExecutable(TASKSET) && Runtime.getRuntime().availableProcessors() >= 2,
        "needs taskset (util-linux) and two cores, to pin Gatling to one of them");
    // Gatling pinned to one core, asked for forty times the Load shape's arrivals (1,200 new users a second, each
    // on its own connection): its core is full long before nginx's one worker is busy.
    ForkedGatling run = ForkedGatling.run(List.of(TASKSET.toString(), "-c", "0"), YourServiceSimulation.class,
        Map.of("baseUrl", baseUrl, "timeScale", "0.05", "loadScale", "40", "loadbearing.target.health-path", "",
            "loadbearing.target.warm-up-path", ""), Duration.ofMinutes(3));

    JsonNode diagnosis = new ObjectMapper().readTree(run.statsJson().toFile()).path("diagnosis");
    JsonNode top = diagnosis.path("findings").path(0);
    assertThat(top.path("rule").asText()).as("the top finding").isEqualTo("injector-saturated");
    assertThat(top.path("title").asText()).contains("The load generator was saturated");
    assertThat(top.path("figures").path("injectorCores").asDouble()).isEqualTo(1);
    assertThat(run.output()).contains("top finding: The load generator was saturated");
    // No letter for a run that graded Gatling's core: stats.json, the console line and report.html say why.
    assertThat(diagnosis.path("grade").path("letter").asText()).isEqualTo("invalid");
    assertThat(diagnosis.path("grade").path("invalidBecause").asText()).startsWith("the load generator was saturated");
    assertThat(run.output()).contains("Loadbearing diagnosis: grade invalid (the load generator was saturated");
    assertThat(Files.readString(run.statsJson().resolveSibling("report.html")))
        .contains("Grade: <b>invalid</b> — the load generator was saturated");
  }

  @Test
  void aBaseUrlNobodyAnswersStopsTheRunBeforeAnyLoadSayingSo() throws Exception {
    nginx.destroy();
    nginx.waitFor(10, TimeUnit.SECONDS);
    ForkedGatling run = ForkedGatling.run(YourServiceSimulation.class, Map.of("baseUrl", baseUrl),
        Duration.ofMinutes(1));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("Loadbearing target unavailable: GET " + baseUrl + "/health failed "
        + "(connection refused); is the service running, and is -DbaseUrl its address?");
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
  }
}
