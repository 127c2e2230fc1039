package dev.loadbearing.service.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.telemetry.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault switches do what they say, seen as the diagnosis sees them: through the service's own /metrics.
 *
 * <pre>mvn -B verify -Dit.test=FaultInjectionIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class FaultInjectionIT {
  private static final int LEAK_KB = 256;
  private static final int BURN_MS = 25;
  private static final int REQUESTS = 150;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ServiceProcess service;

  @TempDir
  static Path logs;

  @BeforeAll
  static void startAMisbehavingService() {
    service = ServiceProcess.start(List.of("-Dseed.products=200", "-Dfault.leak-kb-per-request=" + LEAK_KB,
        "-Dfault.cpu-burn-ms=" + BURN_MS), logs.resolve("service.log"), Duration.ofSeconds(180));
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @Test
  void everyApiRequestLeavesItsDoseOnTheHeapAfterGc() throws Exception {
    fullGc();
    double before = metric("jvm_memory_heap_after_gc_bytes");
    double leakedBefore = metric("fault_leaked_bytes");
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(get("/api/tenant").statusCode()).isEqualTo(200);
      // Probes and scrapes are left alone: they must not change the dose.
      assertThat(get("/health").statusCode()).isEqualTo(200);
    }
    double natural = metric("jvm_memory_heap_after_gc_bytes");
    fullGc();
    double after = metric("jvm_memory_heap_after_gc_bytes");

    double dose = REQUESTS * LEAK_KB * 1024.0;
    System.out.printf("Leak of %d KB x %d requests = %.1f MB: heap after GC grew %.1f MB (%.1f MB before the forced"
            + " GC); jvm_gc_live_data_size_bytes %.1f MB%n", LEAK_KB, REQUESTS, dose / 1e6, (after - before) / 1e6,
        (natural - before) / 1e6, metric("jvm_gc_live_data_size_bytes") / 1e6);
    assertThat(metric("fault_leaked_bytes") - leakedBefore).isEqualTo(dose);
    // The rest of the heap moves by a few MB between two full collections (buffers, JIT, timers).
    assertThat(after - before).isBetween(0.9 * dose, 1.1 * dose);
  }

  @Test
  void everyApiRequestTakesAtLeastTheBurn() throws Exception {
    get("/api/tenant");
    double countBefore = metric("http_server_requests_seconds_count", "route", "GET /api/tenant");
    double sumBefore = metric("http_server_requests_seconds_sum", "route", "GET /api/tenant");
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      assertThat(get("/api/tenant").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(BURN_MS));
    }
    double count = metric("http_server_requests_seconds_count", "route", "GET /api/tenant") - countBefore;
    double meanSeconds = (metric("http_server_requests_seconds_sum", "route", "GET /api/tenant") - sumBefore) / count;
    System.out.printf("CPU burn of %d ms: GET /api/tenant took %.1f ms on average inside the service%n", BURN_MS,
        meanSeconds * 1000);
    assertThat(count).isEqualTo(10);
    // Inside the route's own timing, as slow code in a handler would be.
    assertThat(meanSeconds).isGreaterThanOrEqualTo(BURN_MS / 1000.0);
  }

  @Test
  void saysSoLoudlyAtStart() throws Exception {
    assertThat(Files.readString(logs.resolve("service.log")))
        .contains("WARN", "FAULT INJECTION ON: every API request retains 256 KB", "burns 25 ms of CPU");
  }

  @Test
  void refusesANegativeDoseBeforeStarting() {
    assertThatThrownBy(() -> ServiceProcess.start(List.of("-Dfault.cpu-burn-ms=-5"), logs.resolve("bad.log"),
        Duration.ofSeconds(60)))
        .hasMessageContaining("stopped before it was ready")
        .hasMessageContaining("Invalid value '-5' for fault.cpu-burn-ms");
  }

  /** A full collection in the service, by jcmd; the GC notification reaches its gauge shortly after. */
  private static void fullGc() throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.run")
        .redirectErrorStream(true).start();
    String output = new String(gc.getInputStream().readAllBytes());
    assertThat(gc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(gc.exitValue()).as(output).isZero();
    Thread.sleep(500);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .header("X-Api-Key", "lb-enterprise-1").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double metric(String name, String... labels) throws Exception {
    Map<String, String> wanted = labels.length == 0 ? Map.of() : Map.of(labels[0], labels[1]);
    return PrometheusText.parse(get("/metrics").body()).samples().stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
        .mapToDouble(PrometheusText.Sample::value).sum();
  }
}
