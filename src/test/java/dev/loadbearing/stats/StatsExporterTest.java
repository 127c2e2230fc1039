package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.RunManifest.Sla;
import dev.loadbearing.stats.StatsReport.SlaResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsExporterTest {
  private static final String CLASS = "dev.loadbearing.suite.simulations.ShopSimulation";
  private static final long START = 1_795_000_000_000L;

  @TempDir
  Path dir;

  private Path run(String folder) {
    Path run = dir.resolve("gatling").resolve(folder);
    StatsEqualGatlingReportIT.writeSyntheticLog(run.resolve("simulation.log"), 10);
    return run;
  }

  private static RunManifest manifest(long startedAt, List<Sla> slas) {
    return new RunManifest(CLASS, startedAt, "http://127.0.0.1:8080", Map.of("users", 10), slas,
        Map.of("GET /api/products", Map.of(200, 10L), "POST /api/orders", Map.of(201, 15L, 409, 3L, 500, 2L)));
  }

  @Test
  void addsRunInfoStatusCountsAndSlaResultsFromTheManifest() {
    StatsReport stats = StatsExporter.compute(run("shopsimulation-1"), manifest(START - 1000, List.of(
        new Sla("global", "max", "lt", 10_000, null),
        new Sla("global", "failedCount", "eq", 0, null),
        new Sla("POST /api/orders", "status:5xx:percent", "lte", 5, "the order service sheds load"),
        new Sla("GET /api/products", "p95", "lt", 1, null),
        new Sla("GET /api/nothing", "p95", "lt", 1, null))));

    assertThat(stats.schemaVersion()).isEqualTo(2);
    assertThat(stats.run().simulation()).isEqualTo("Shop");
    assertThat(stats.run().target()).isEqualTo("http://127.0.0.1:8080");
    assertThat(stats.run().parameters()).containsEntry("users", 10);
    assertThat(stats.run().machine().cores()).isPositive();
    assertThat(stats.run().injector()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(stats.global().statusCounts()).isEqualTo(Map.of("200", 10L, "201", 15L, "409", 3L, "500", 2L));
    assertThat(stats.requests()).filteredOn(r -> r.key().equals("shop / checkout / POST /api/orders")).singleElement()
        .satisfies(r -> assertThat(r.statusCounts()).isEqualTo(Map.of("201", 15L, "409", 3L, "500", 2L)));
    assertThat(stats.slas()).extracting(SlaResult::passed).containsExactly(true, false, false, false, false);
    assertThat(stats.slas().get(1).actual()).isEqualTo((double) stats.global().ko());
    assertThat(stats.slas().get(2).actual()).isEqualTo(10.0);
    assertThat(stats.slas().get(2).reason()).isEqualTo("the order service sheds load");
    // "POST /api/orders" is both a group member and an ungrouped request: the exact key (ungrouped) wins.
    assertThat(stats.slas().get(2).note()).isNull();
    assertThat(stats.slas().get(4).note()).contains("no request or group named 'GET /api/nothing'");
  }

  @Test
  void saysStatusCountsAreUnknownWithoutAManifest() {
    StatsReport stats = StatsExporter.compute(run("shopsimulation-1"), null);
    assertThat(stats.global().statusCounts()).isEqualTo("unknown");
    assertThat(stats.requests()).allSatisfy(r -> assertThat(r.statusCounts()).isEqualTo("unknown"));
    assertThat(stats.run().manifestFound()).isFalse();
  }

  @Test
  void theHookFindsThisRunsFolderAndManifestAndWritesStatsJsonAtomically() throws Exception {
    Path old = run("shopsimulation-20261122000000000");
    Path current = run("shopsimulation-20261122010000000");
    Path manifest = manifest(START - 2000, List.of()).write(RunManifest.file(dir.resolve("runs"), CLASS, START - 2000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StatsExport.exportNow(dir.resolve("gatling"), manifest, CLASS, START - 2000,
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("Loadbearing stats: " + current.resolve("stats.json") + System.lineSeparator());
    assertThat(old.resolve("stats.json")).doesNotExist();
    StatsReport written = StatsFiles.load(current.resolve("stats.json"));
    assertThat(written.run().manifestFound()).isTrue();
    try (Stream<Path> files = Files.list(current)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("simulation.log", "stats.json");
    }
  }

  @Test
  void theHookPrintsOneClearLineWhenThereIsNoRun() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StatsExport.exportNow(dir.resolve("gatling"), dir.resolve("runs/none.json"), CLASS, START,
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Loadbearing stats: no run folder of " + CLASS).hasLineCount(1);
  }

  @Test
  void theHookSkipsARunThatStartedBeforeThisSimulationWasBuilt() {
    run("shopsimulation-20261122000000000");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StatsExport.exportNow(dir.resolve("gatling"), dir.resolve("runs/none.json"), CLASS, START + 60_000,
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no run folder");
  }

  @Test
  void virtualUserTimeIsTheSumOfSessionsAndAUserStillActiveCountsToTheLastEvent() {
    Path log = dir.resolve("users/simulation.log");
    try (SimulationLogWriter writer = new SimulationLogWriter(log, CLASS, START, List.of("a", "b"))) {
      writer.user(0, true, 0).user(1, true, 1000).user(0, false, 3000).user(0, true, 4000)
          .request(List.of(), "GET /", 4000, 6000, true, null).user(1, false, 5000);
    }
    StatsCalculator calculator = new StatsCalculator();
    SimulationLogReader.read(log, calculator);
    // 3 s + 4 s + (6 s - 4 s: still active at the last event).
    assertThat(calculator.virtualUserMillis()).isEqualTo(9_000);
  }

  @Test
  void theLlmSectionTravelsFromTheManifestToStatsJsonWithCostPerVirtualUserHour() throws Exception {
    LlmUsage.Chats chats = new LlmUsage.Chats(10, 9, 1, 2, 100, 400, 0.009);
    LlmUsage llm = new LlmUsage(chats, Map.of("assistant", chats),
        Map.of("swift-llm", new LlmUsage.Provider(10, 7, 1, 2, 70, 280, 0.0075)), null, null);
    RunManifest base = manifest(START - 1000, List.of());
    RunManifest withLlm = new RunManifest(base.simulation(), base.startedAt(), base.target(), base.parameters(),
        base.slas(), base.statusCounts(), llm);
    Path manifestFile = withLlm.write(dir.resolve("runs/m.json"));
    Path run = run("shopsimulation-1");
    Path file = StatsExporter.exportWith(run, manifestFile);

    StatsReport read = StatsFiles.load(file);
    assertThat(read.llm().total()).isEqualTo(chats);
    assertThat(read.llm().providers()).containsEntry("swift-llm", llm.providers().get("swift-llm"));
    assertThat(read.llm().virtualUserHours()).isPositive();
    assertThat(read.llm().costPerVirtualUserHour()).isCloseTo(0.009 / read.llm().virtualUserHours(),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Files.readString(file)).contains("\"llm\"").contains("\"costPerVirtualUserHour\"");
  }

  @Test
  void aRunWithoutChatsAndAnOlderManifestHaveNoLlmSection() throws Exception {
    Path manifestFile = manifest(START - 1000, List.of()).write(dir.resolve("runs/m.json"));
    com.fasterxml.jackson.databind.node.ObjectNode older =
        (com.fasterxml.jackson.databind.node.ObjectNode) StatsExporter.mapper().readTree(manifestFile.toFile());
    older.remove("llm");
    StatsExporter.mapper().writeValue(manifestFile.toFile(), older);
    Path file = StatsExporter.exportWith(run("shopsimulation-1"), manifestFile);
    assertThat(StatsFiles.load(file).llm()).isNull();
    assertThat(Files.readString(file)).doesNotContain("\"llm\"");
  }

  @Test
  void aChaosSectionTravelsFromTheManifestToStatsJsonAndOtherRunsHaveNone() throws Exception {
    RunManifest base = manifest(START - 1000, List.of());
    com.fasterxml.jackson.databind.JsonNode chaos = StatsExporter.mapper().readTree("{\"faults\":[{\"name\":"
        + "\"stall\",\"beganAt\":1,\"endedAt\":5001,\"recoveryMs\":400}],\"audit\":{\"missing\":0}}");
    Path manifestFile = new RunManifest(base.simulation(), base.startedAt(), base.target(), base.parameters(),
        base.slas(), base.statusCounts(), null, chaos).write(dir.resolve("runs/m.json"));
    StatsReport read = StatsFiles.load(StatsExporter.exportWith(run("shopsimulation-1"), manifestFile));
    assertThat(read.chaos()).isEqualTo(chaos);

    Path plain = base.write(dir.resolve("runs/plain.json"));
    assertThat(Files.readString(plain)).doesNotContain("chaos");
    Path file = StatsExporter.exportWith(run("shopsimulation-2"), plain);
    assertThat(StatsFiles.load(file).chaos()).isNull();
    assertThat(Files.readString(file)).doesNotContain("\"chaos\"");
  }

  @Test
  void theCliReportsABadFolderWithExitCodeTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(StatsMain.run(new String[] {dir.resolve("nothing").toString()}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a folder");
  }

  @Test
  void serverSlasKeepTheFigureTheRunMeasuredAndOneNotJudgedIsNeitherPassedSilentlyNorFailed() {
    StatsReport stats = StatsExporter.compute(run("shopsimulation-1"), manifest(START - 1000, List.of(
        new Sla("server", "serviceCpuP95Percent", "lt", 80, null, 47.5, "p95 0.95 cores of 2"),
        new Sla("server", "cacheHitPercent", "gt", 99.9, "a reason", 99.5, "995 of 1000 blocks"),
        new Sla("server", "lockWaitMeanMs", "lt", 100, null, null, "PostgreSQL was not sampled"))));

    assertThat(stats.slas()).extracting(SlaResult::passed).containsExactly(true, false, true);
    assertThat(stats.slas()).extracting(SlaResult::actual).containsExactly(47.5, 99.5, null);
    assertThat(stats.slas()).extracting(SlaResult::judged).containsExactly(null, null, false);
    assertThat(stats.slas().get(2).note()).isEqualTo("not judged: PostgreSQL was not sampled");
  }
}
