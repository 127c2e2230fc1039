package dev.loadbearing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.telemetry.FlightRecording;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dprofile=true}: the service is recorded by the Flight Recorder, the file is written as it stops, and
 * its summary names the code that burned the CPU and the code that allocated, here the injected faults.
 */
class ServiceProfilingIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir
  Path logs;

  @Test
  void recordsTheServiceAndNamesWhereItsCpuAndAllocationWent() throws Exception {
    Path jfr;
    Instant loadBegan;
    try (ServiceProcess service = ServiceProcess.start(List.of("-Dprofile=true", "-Dseed.products=200",
        "-Dfault.cpu-burn-ms=10", "-Dfault.leak-kb-per-request=128"), logs.resolve("service.log"),
        Duration.ofSeconds(180))) {
      jfr = service.flightRecording().orElseThrow();
      assertThat(jfr).isEqualTo(logs.resolve("service.jfr").toAbsolutePath());
      loadBegan = Instant.now();
      for (int i = 0; i < 100; i++) {
        String path = i % 2 == 0 ? "/api/tenant" : "/api/products?page=1&size=20";
        HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("X-Api-Key", "lb-enterprise-1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
      }
    }
    assertThat(jfr).isRegularFile();

    FlightRecording.Summary whole = FlightRecording.summarize(jfr);
    FlightRecording.Summary underLoad = FlightRecording.summarize(jfr, loadBegan);
    FlightRecording.print(underLoad, System.out);

    assertThat(whole.executionSamples()).isGreaterThan(underLoad.executionSamples());
    assertThat(underLoad.hottestMethods()).isNotEmpty().hasSizeLessThanOrEqualTo(FlightRecording.TOP);
    assertThat(underLoad.hottestMethods().get(0).method()).isEqualTo(Faults.class.getName() + ".burnCpu");
    FlightRecording.AllocationSite top = underLoad.allocationSites().get(0);
    assertThat(top.method()).isEqualTo(Faults.class.getName() + ".leak");
    assertThat(top.topClass()).isEqualTo("byte[]");
    // Sampled by weight, the estimate is near the dose of 100 x 128 KB.
    assertThat(top.bytes()).isBetween(100 * 128 * 1024 / 2L, 100 * 128 * 1024 * 2L);
  }

  @Test
  void recordsNothingUnlessAsked() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(List.of("-Dprofile=false", "-Dseed.products=0"),
        logs.resolve("plain.log"), Duration.ofSeconds(180))) {
      assertThat(service.flightRecording()).isEmpty();
    }
    try (var files = Files.list(logs)) {
      assertThat(files).noneMatch(f -> f.toString().endsWith(".jfr"));
    }
  }
}
