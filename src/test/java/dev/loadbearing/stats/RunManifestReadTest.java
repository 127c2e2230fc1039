package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run manifest the stats exporter cannot trust is refused naming the file and the field. */
class RunManifestReadTest {
  @TempDir
  Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("ShopSimulation-1.json"), json);
  }

  @Test
  void aGoodManifestReadsBack() {
    RunManifest m = new RunManifest("dev.x.ShopSimulation", 1L, "http://x", Map.of("users", 1),
        List.of(new RunManifest.Sla("global", "p95", "lt", 500, null)), Map.of("GET /", Map.of(200, 3L)));
    assertThat(RunManifest.read(m.write(dir.resolve("m.json")))).isEqualTo(m);
  }

  @Test
  void nullsAndMissingFieldsAreRefusedNamingThem() throws Exception {
    String head = "{\"simulation\":\"dev.x.ShopSimulation\",\"startedAt\":1,";
    Path nullSla = write(head + "\"slas\":[null]}");
    assertThatThrownBy(() -> RunManifest.read(nullSla)).isInstanceOf(RunManifestException.class)
        .hasMessage("run manifest " + nullSla + ": slas[0] is null");
    Path noMetric = write(head + "\"slas\":[{\"scope\":\"global\",\"operator\":\"lt\",\"threshold\":1}]}");
    assertThatThrownBy(() -> RunManifest.read(noMetric)).hasMessageEndingWith("slas[0].metric is missing");
    Path nanThreshold = write(head + "\"slas\":[{\"scope\":\"global\",\"metric\":\"p95\",\"operator\":\"lt\","
        + "\"threshold\":\"NaN\"}]}");
    assertThatThrownBy(() -> RunManifest.read(nanThreshold))
        .hasMessageEndingWith("slas[0].threshold is not a finite number");
    Path nullCounts = write(head + "\"statusCounts\":{\"GET /\":null}}");
    assertThatThrownBy(() -> RunManifest.read(nullCounts)).hasMessageContaining("statusCounts[\"GET /\"]");
    Path llm = write(head + "\"llm\":{\"journeys\":{},\"providers\":{}}}");
    assertThatThrownBy(() -> RunManifest.read(llm)).hasMessageContaining("llm needs total");
    Path noSimulation = write("{\"startedAt\":1}");
    assertThatThrownBy(() -> RunManifest.read(noSimulation)).hasMessageEndingWith("simulation is missing");
  }

  @Test
  void notJsonIsRefusedOnOneLine() throws Exception {
    Path garbage = write("{\"simulation\": ");
    assertThatThrownBy(() -> RunManifest.read(garbage)).isInstanceOf(RunManifestException.class)
        .hasMessageStartingWith("run manifest " + garbage + ": not a run manifest at line 1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
