package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Leak;
import dev.loadbearing.launcher.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler against the self-launched reference service: its real /metrics, its process, its database's. */
class ReferenceServiceTelemetryIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ServiceProcess service;

  @TempDir
  static Path logs;

  @BeforeAll
  static void startService() {
    service = ServiceProcess.start(List.of("-Dseed=small"), logs.resolve("service.log"), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theParserReadsEveryLineOfTheServicesMetrics() throws Exception {
    get("/health");
    String exposition = get("/metrics").body();
    PrometheusText.Scrape scrape = PrometheusText.parse(exposition);

    assertThat(scrape.errors()).isEmpty();
    assertThat(scrape.samples())
        .hasSize((int) exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count());
    assertThat(scrape.samples()).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("http_server_requests_seconds_count");
      assertThat(s.labels()).containsEntry("route", "GET /health").containsEntry("status", "200");
      assertThat(s.value()).isGreaterThanOrEqualTo(1);
    });
    assertThat(scrape.types()).containsEntry("hikaricp_connections_pending", "gauge");
  }

  @Test
  void recordsTheServiceItsDatabaseTheInjectorAndTheMachineDuringARun() throws Exception {
    Sources sources = Sources.none()
        .withPrometheus(URI.create(service.baseUrl() + "/metrics"))
        .withProcess("service", service.pid())
        .withProcessTree("database", service.databasePid().orElseThrow())
        .withInjector()
        .withMachine();
    TelemetrySampler sampler = TelemetrySampler.start(sources, Duration.ofMillis(250));
    long until = System.currentTimeMillis() + 2_000;
    while (System.currentTimeMillis() < until) {
      assertThat(get("/health").statusCode()).isEqualTo(200);
    }
    Telemetry telemetry = sampler.stop();

    assertThat(telemetry.notes()).singleElement().asString().contains("histogram bucket series are not recorded");
    assertThat(telemetry.series().keySet()).noneMatch(name -> name.contains("_bucket{"));
    assertThat(telemetry.find("target.hikaricp_connections_active{pool=\"loadbearing\"}")).isPresent();
    assertThat(telemetry.family("target.jvm_memory_used_bytes")).isNotEmpty();
    Series requests = telemetry.find("target.http_server_requests_seconds_count{route=\"GET /health\",status=\"200\"}")
        .orElseThrow();
    assertThat(requests.increase()).isGreaterThan(10);
    assertThat(telemetry.find("service.cpu_cores").orElseThrow().max()).isGreaterThan(0);
    assertThat(telemetry.find("service.threads").orElseThrow().max()).isGreaterThan(10);
    // PostgreSQL: a postmaster, its helpers and one backend per pooled connection.
    assertThat(telemetry.find("database.threads").orElseThrow().max()).isGreaterThan(5);
    assertThat(telemetry.find("database.rss_bytes").orElseThrow().max()).isGreaterThan(10e6);
    assertThat(telemetry.find("injector.heap_used_bytes")).isPresent();
    assertThat(telemetry.find("machine.cpu_percent").orElseThrow().size()).isGreaterThanOrEqualTo(4);
    assertThat(TelemetryJson.read(TelemetryJson.writeInRunFolder(logs, telemetry))).isEqualTo(telemetry);
    // What sampling cost: the mean tick, all six sources together, stays far below the interval.
    Series ticks = telemetry.find("telemetry.tick_seconds").orElseThrow();
    Series cpu = telemetry.find("telemetry.cpu_seconds_total").orElseThrow();
    System.out.printf("Sampler cost per tick: %.1f ms wall, %.1f ms CPU (%d ticks, %d series)%n", 1000 * ticks.mean(),
        1000 * cpu.increase() / (cpu.size() - 1), ticks.size(), telemetry.series().size());
    telemetry.family("telemetry.source_seconds")
        .forEach(s -> System.out.printf("  %s: %s%n", s.name(), Arrays.toString(s.values())));
    // Sampling costs the injector little CPU, even in these first ticks that include class loading and JIT.
    assertThat(cpu.increase() / (cpu.size() - 1)).isLessThan(0.05);
    // Two seconds are far too short for a trend; the rules run on the real series without failing.
    assertThat(Diagnosis.of(telemetry, null).leak().verdict()).isEqualTo(Leak.Verdict.INCONCLUSIVE);
  }
}
