package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryJsonTest {
  private static final long START = 1_795_325_142_065L;

  @TempDir
  Path run;

  private static Telemetry sample() {
    Series cpu = new Series("machine.cpu_percent", new long[] {START + 1000, START + 2001, START + 3000},
        new double[] {12.5, 0.001, 100});
    Series rss = new Series("service.rss_bytes", new long[] {START + 1000, START + 2001},
        new double[] {3.5e9, 9.007199254740993e15});
    Series labelled = new Series("target.http_server_requests_seconds_count{route=\"GET /x\",status=\"200\"}",
        new long[] {START + 1500}, new double[] {-1.25e-7});
    Series empty = new Series("db.cache_hit_percent", new long[0], new double[0]);
    return Telemetry.of(START, START + 3500, 1000, 2,
        Map.of(cpu.name(), cpu, rss.name(), rss, labelled.name(), labelled, empty.name(), empty),
        List.of("The target has no Prometheus endpoint at http://127.0.0.1:1/metrics (HTTP 404)", "ünïcode \"quoted\""),
        List.of(new TopStatement("select * from product where id = $1", 1200, 340.5, 0.284, 1200, 61.2)));
  }

  @Test
  void whatIsWrittenReadsBackEqual() {
    Telemetry telemetry = sample();
    Path file = TelemetryJson.writeInRunFolder(run, telemetry);

    assertThat(file).isEqualTo(run.resolve("telemetry.json"));
    assertThat(TelemetryJson.read(file)).isEqualTo(telemetry);
  }

  @Test
  void theFileIsCompactWithOneSeriesPerLineAndNoTemporaryLeft() throws Exception {
    Path file = TelemetryJson.writeInRunFolder(run, sample());
    String text = Files.readString(file);

    assertThat(text.lines()).contains("\"machine.cpu_percent\":{\"t\":[1000,2001,3000],\"v\":[12.5,0.001,100]},", "}");
    assertThat(text.lines().filter(l -> l.startsWith("\"target.http_server_requests"))).hasSize(1);
    assertThat(Files.list(run)).containsExactly(file);
  }

  @Test
  void anotherVersionOrFormatIsRefusedNamingTheFile() throws Exception {
    Path newer = Files.writeString(run.resolve("newer.json"), "{\"format\":\"loadbearing-telemetry\",\"version\":2}");
    Path stats = Files.writeString(run.resolve("stats.json"), "{\"schemaVersion\":1}");
    Path broken = Files.writeString(run.resolve("broken.json"), "{\"format\":");

    assertThatThrownBy(() -> TelemetryJson.read(newer))
        .hasMessageContaining("newer.json").hasMessageContaining("version 2");
    assertThatThrownBy(() -> TelemetryJson.read(stats)).hasMessageContaining("not a telemetry file");
    assertThatThrownBy(() -> TelemetryJson.read(broken)).hasMessageContaining("broken.json");
  }

  @Test
  void aSamplersTelemetryRoundTrips() throws Exception {
    TelemetrySampler sampler =
        TelemetrySampler.start(Sources.none().withMachine().withInjector(), Duration.ofMillis(100));
    Thread.sleep(350);
    Telemetry telemetry = sampler.stop();
    assertThat(TelemetryJson.read(TelemetryJson.writeInRunFolder(run, telemetry))).isEqualTo(telemetry);
  }
}
