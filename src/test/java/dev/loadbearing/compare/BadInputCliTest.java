package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.stats.StatsExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparator's command line on the bad inputs of issue 9: each exits 2 with one line naming the file and
 * the field (or byte), never 1 (which CI reads as a regression) and never a stack trace alone.
 */
class BadInputCliTest {
  private static final Path LOAD = Path.of("baselines/Load.json");

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("compare.output=" + dir.resolve("out"));
    return new CompareCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(Map.of(), all.toArray(String[]::new));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** baselines/Load.json with one change, written to {@code name}. */
  private Path loadWith(String name, Consumer<ObjectNode> change) throws Exception {
    ObjectNode tree = (ObjectNode) StatsExporter.mapper().readTree(LOAD.toFile());
    change.accept(tree);
    Path file = dir.resolve(name);
    StatsExporter.mapper().writeValue(file.toFile(), tree);
    return file;
  }

  private int compare(Path baseline, Path current) {
    return run("compare.runs=" + baseline + "," + current);
  }

  private void assertExitTwoWithOneLine(int code, String... contains) {
    assertThat(code).as(err()).isEqualTo(2);
    assertThat(err()).hasLineCount(1).contains(contains).doesNotContain("Exception");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aNullGroupIsExitTwoNotANullPointerException() throws Exception {
    Path bad = loadWith("Load-null-group.json", t -> ((ArrayNode) t.get("groups")).insertNull(0));
    assertExitTwoWithOneLine(compare(LOAD, bad), bad + ": groups[0] is null, expected a row object");
    Path onlyNull = dir.resolve("only-null.json");
    Files.writeString(onlyNull, "{\"schemaVersion\":2,\"groups\":[null]}");
    assertExitTwoWithOneLine(compare(onlyNull, LOAD), onlyNull + ": run is missing");
  }

  @Test
  void aMissingMetricInTheBaselineIsExitTwoNotARegressionNorAnImprovement() throws Exception {
    Path bad = loadWith("Load-no-p95.json", t -> ((ObjectNode) t.get("requests").get(3)).remove("p95"));
    assertExitTwoWithOneLine(compare(bad, LOAD), bad + ": requests[3].p95 is missing");
    assertExitTwoWithOneLine(compare(LOAD, bad), bad + ": requests[3].p95 is missing");
  }

  @Test
  void nullNaNAndStringNumbersAreExitTwoNamingTheField() throws Exception {
    Path nulled = loadWith("a.json", t -> ((ObjectNode) t.get("global")).putNull("p99"));
    assertExitTwoWithOneLine(compare(LOAD, nulled), "global.p99 is null");
    Path nan = loadWith("b.json", t -> ((ObjectNode) t.get("requests").get(0)).put("p50", "NaN"));
    assertExitTwoWithOneLine(compare(LOAD, nan), "requests[0].p50 is the string \"NaN\", expected a whole number");
    Path text = loadWith("c.json", t -> ((ObjectNode) t.get("global")).put("meanRequestsPerSec", "25.6"));
    assertExitTwoWithOneLine(compare(LOAD, text), "global.meanRequestsPerSec is the string \"25.6\"");
    Path negative = loadWith("d.json", t -> ((ObjectNode) t.get("global")).put("koPercent", -3.0));
    assertExitTwoWithOneLine(compare(LOAD, negative), "global.koPercent is -3.0, expected a number from 0 to 100");
    Path wrongKind = loadWith("e.json", t -> ((ObjectNode) t.get("groups").get(1)).put("kind", "request"));
    assertExitTwoWithOneLine(compare(LOAD, wrongKind), "groups[1].kind is \"request\", expected \"group\"");
    Path slaPassed = loadWith("f.json", t -> ((ObjectNode) t.get("slas").get(0)).remove("passed"));
    assertExitTwoWithOneLine(compare(LOAD, slaPassed), "slas[0].passed is missing");
    Path figure = loadWith("g.json", t -> ((ObjectNode) t.get("server").get("figures"))
        .put("serviceCpuMillisPerRequest", "NaN"));
    assertExitTwoWithOneLine(compare(LOAD, figure), "server.figures.serviceCpuMillisPerRequest is the string");
  }

  @Test
  void aWrongSchemaVersionIsExitTwo() throws Exception {
    for (String version : List.of("3", "\"2\"", "2.0", "null", "0")) {
      Path bad = dir.resolve("v.json");
      Files.writeString(bad, Files.readString(LOAD).replaceFirst("\"schemaVersion\" : 2", "\"schemaVersion\" : "
          + version));
      assertExitTwoWithOneLine(compare(LOAD, bad), bad + ": schemaVersion " + version + " but");
    }
  }

  @Test
  void trailingGarbageAndAnEmptyFileAreExitTwo() throws Exception {
    Path twice = dir.resolve("twice.json");
    Files.writeString(twice, Files.readString(LOAD) + Files.readString(LOAD));
    assertExitTwoWithOneLine(compare(LOAD, twice), twice + ": not valid JSON");
    Path empty = Files.writeString(dir.resolve("empty.json"), " \n");
    assertExitTwoWithOneLine(compare(LOAD, empty), empty + ": empty file");
  }

  @Test
  void everyToleranceThatIsNaNNegativeInfiniteOrNotANumberIsExitTwoNamingTheKey() throws Exception {
    List<String> keys = List.of("defaults.latency-max-increase-percent", "defaults.latency-noise-floor-ms",
        "defaults.throughput-max-drop-percent", "defaults.error-rate-max-increase-points",
        "server.service-cpu-millis-per-request.max-increase-percent",
        "server.service-cpu-millis-per-request.noise-floor-ms",
        "server.service-gc-time-share.max-increase-percent", "server.service-gc-time-share.noise-floor-points",
        "server.database-millis-per-request.max-increase-percent",
        "server.database-millis-per-request.noise-floor-ms",
        "server.heap-after-gc-slope.max-increase-mb-per-minute",
        "server.llm-cost-per-virtual-user-hour.max-increase-percent",
        "server.llm-cost-per-virtual-user-hour.noise-floor-cents");
    int cases = 0;
    for (String key : keys) {
      for (String value : List.of("NaN", "-1", "Infinity", "-Infinity", "ten")) {
        int code = run("compare.runs=" + LOAD + "," + LOAD, "compare." + key + "=" + value);
        assertThat(code).as(key + "=" + value).isEqualTo(2);
        assertThat(err()).as(key + "=" + value).hasLineCount(1).contains("compare." + key + " must be a number");
        cases++;
      }
    }
    for (String key : List.of("min-tail-samples", "min-requests", "server.heap-after-gc-slope.min-points")) {
      for (String value : List.of("-1", "NaN", "1.5", "ten")) {
        assertThat(run("compare.runs=" + LOAD + "," + LOAD, "compare." + key + "=" + value)).isEqualTo(2);
        assertThat(err()).as(key + "=" + value).contains("compare." + key);
        cases++;
      }
    }
    assertThat(cases).isEqualTo(77);
    // And the same file against itself, with the defaults: no regression.
    assertThat(run("compare.runs=" + LOAD + "," + LOAD)).isZero();
  }

  @Test
  void aCorruptSimulationLogInARunFolderIsExitTwoNamingTheByte() throws Exception {
    Path run = Files.createDirectories(dir.resolve("loadsimulation-20261130032637460"));
    byte[] log = Files.readAllBytes(Path.of("src/test/resources/fuzz/load-simulation.log"));
    // The Run record's simulation class name (from byte 12) claims 2^31 - 1 bytes.
    byte[] bad = log.clone();
    ByteBuffer.wrap(bad).putInt(12, Integer.MAX_VALUE);
    Files.write(run.resolve("simulation.log"), bad);
    assertExitTwoWithOneLine(compare(LOAD, run), run.resolve("simulation.log") + " at byte 12: implausible string "
        + "length 2147483647");
    assertThat(run.resolve("stats.json")).doesNotExist();
    // Cut short: the same, saying so.
    Files.write(run.resolve("simulation.log"), Arrays.copyOf(log, 200));
    assertExitTwoWithOneLine(compare(LOAD, run), run.resolve("simulation.log") + " at byte ");
  }
}
