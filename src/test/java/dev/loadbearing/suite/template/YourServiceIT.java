package dev.loadbearing.suite.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.suite.config.SuiteConfig;
import io.gatling.app.Gatling$;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template simulation against a service nobody here wrote: a real nginx (Debian's package), started here
 * on a free loopback port with two routes and no {@code /health} or {@code /metrics}. The Load shape's short
 * form must pass with its verdicts, and nginx's access log must show no path the template did not name.
 */
class YourServiceIT {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Set<String> NAMED_PATHS = Set.of("/", "/api/items");
  private static final List<String> OVERRIDES = List.of("baseUrl", "timeScale", "loadbearing.target.health-path",
      "loadbearing.target.warm-up-path");

  @TempDir
  Path dir;
  private Process nginx;

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
    nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    awaitListening(port);
    System.setProperty("baseUrl", "http://127.0.0.1:" + port);
    System.setProperty("timeScale", "0.05");
    System.setProperty("loadbearing.target.health-path", "");
    System.setProperty("loadbearing.target.warm-up-path", "");
    SuiteConfig.reload();
  }

  @AfterEach
  void stopNginx() throws InterruptedException {
    OVERRIDES.forEach(System::clearProperty);
    SuiteConfig.reload();
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    }
  }

  @Test
  void theTemplatePassesAgainstNginxAndRequestsOnlyWhatItNames() throws Exception {
    Path results = dir.resolve("gatling");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exitCode;
    try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(tee);
      exitCode = Gatling$.MODULE$.fromArgs(new String[] {"-s", YourServiceSimulation.class.getName(),
          "-rf", results.toString()});
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    System.out.println(output);

    assertThat(exitCode).as("Gatling's exit code").isZero();
    assertThat(output).contains("verify: 5xx share: count of failed events is 0.0 : true")
        .contains("verify: 429 share: count of failed events is 0.0 : true");
    List<String> paths = Files.readAllLines(dir.resolve("access.log")).stream()
        .map(line -> line.split("\"")[1].split(" ")[1]).toList();
    assertThat(paths).as("paths nginx was asked for").isNotEmpty().allMatch(NAMED_PATHS::contains);
    JsonNode stats = new ObjectMapper().readTree(statsJson(results).toFile());
    assertThat(stats.get("requests")).extracting(row -> row.get("name").asText())
        .as("request rows in stats.json").containsOnly("GET /", "GET /api/items");
    assertThat(stats.get("global").get("count").asLong()).isEqualTo(paths.size());
  }

  /** The shutdown hook writes stats.json when the JVM exits; in a test, write it now from the run folder. */
  private static Path statsJson(Path results) throws IOException {
    try (Stream<Path> runs = Files.list(results)) {
      Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
      Path manifest;
      try (Stream<Path> manifests = Files.list(dev.loadbearing.stats.RunManifest.DIRECTORY)) {
        manifest = manifests.filter(p -> p.getFileName().toString().startsWith("YourServiceSimulation-"))
            .max(java.util.Comparator.naturalOrder()).orElseThrow();
      }
      return dev.loadbearing.stats.StatsExporter.exportWith(run, manifest);
    }
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
