package dev.loadbearing.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.stats.Distribution;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exec:java@merge on parts written as real stats.json files: exact sums, re-judged SLAs, and every bad input named. */
class MergeCliTest {
  @TempDir
  Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void mergedCountsAreTheSumAndPercentilesThoseOfAllSamplesTogether() throws Exception {
    Random random = new Random(3);
    Distribution together = new Distribution();
    Path a = part("a", 0, 2, "run-1", samples(random, 20_000, 5, 40, together), Map.of("200", 20_000L));
    Path b = part("b", 1, 2, "run-1", samples(random, 10_000, 300, 60, together), Map.of("200", 9_000L, "503", 1000L));

    assertThat(merge(a + "," + b)).isEqualTo(MergeCli.PASS);

    StatsReport merged = readMerged();
    StatsReport.Row row = merged.requests().get(0);
    Histogram all = together.histogram();
    assertThat(row.count()).isEqualTo(30_000);
    assertThat(merged.global().count()).isEqualTo(30_000);
    assertThat(row.p50()).isEqualTo(all.getValueAtPercentile(50));
    assertThat(row.p95()).isEqualTo(all.getValueAtPercentile(95));
    assertThat(row.p99()).isEqualTo(all.getValueAtPercentile(99));
    assertThat(row.statusCounts()).isEqualTo(Map.of("200", 29_000, "503", 1000));
    // Throughput over the union of the parts' spans: 1 000..4 000 and 2 000..6 000 ms, 5 s.
    assertThat(row.meanRequestsPerSec()).isEqualTo(6_000.0);
    assertThat(merged.run().parameters()).containsEntry("runId", "run-1").doesNotContainKey("injectorIndex");
    assertThat(dir.resolve("out").resolve("report.html")).exists();
  }

  @Test
  void theMergedRunEntersTheHistoryUnderItsRunIdAndThePartsDoNot() throws Exception {
    Random random = new Random(7);
    Distribution ignored = new Distribution();
    Path a = part("a", 0, 2, "run-6", samples(random, 100, 20, 5, ignored), Map.of("200", 100L));
    Path b = part("b", 1, 2, "run-6", samples(random, 100, 20, 5, ignored), Map.of("200", 100L));

    assertThat(merge(a + "," + b)).isEqualTo(MergeCli.PASS);

    StatsReport merged = readMerged();
    assertThat(merged.run().runFolder()).isEqualTo("run-6");
    try (var files = Files.list(dir.resolve("history").resolve(merged.run().simulation()))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly(merged.run().start() + "-run-6.json");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Loadbearing history: " + merged.run().simulation()
        + " run-6 appended to history folder");
  }

  @Test
  void slasAreJudgedAgainOnTheMergedNumbersAndTheExitCodeIsTheirVerdict() throws Exception {
    Random random = new Random(5);
    Distribution together = new Distribution();
    // p50 < 100 ms holds on part a (fast) but not on all requests: part b is slow and larger.
    Path a = part("a", 0, 2, "run-2", samples(random, 1_000, 20, 5, together), Map.of("200", 1_000L));
    Path b = part("b", 1, 2, "run-2", samples(random, 3_000, 400, 20, together), Map.of("200", 3_000L));

    assertThat(merge(dir.resolve("parts").toString())).isEqualTo(MergeCli.SLA_BROKEN);

    StatsReport.SlaResult sla = readMerged().slas().get(0);
    assertThat(sla.passed()).isFalse();
    assertThat(sla.actual()).isEqualTo((double) together.histogram().getValueAtPercentile(50));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SLA broken: global p50 lt 100.0");
  }

  @Test
  void partsThatDoNotBelongTogetherAreRefusedNamingWhatDiffers() throws Exception {
    Random random = new Random(1);
    Distribution ignored = new Distribution();
    Path a = part("a", 0, 2, "run-3", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));
    Path otherRun = part("b", 1, 2, "run-4", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));
    Path sameIndex = part("c", 0, 2, "run-3", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));
    Path threeOf = part("d", 1, 3, "run-3", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));

    assertThat(merge(a + "," + otherRun)).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("different runId").contains("run-3").contains("run-4");
    assertThat(merge(a + "," + sameIndex)).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("injector index 0 is there twice");
    assertThat(merge(a + "," + threeOf)).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("different injectors");
    assertThat(merge(a.toString())).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("2 or more injectors; got 1");
    assertThat(merge(a + "," + dir.resolve("nowhere"))).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("nowhere").contains("no such file");
    assertThat(merge("")).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("no -Druns given");
  }

  @Test
  void aPartMissingFromTheRunIsNamed() throws Exception {
    Random random = new Random(2);
    Distribution ignored = new Distribution();
    Path a = part("a", 0, 3, "run-5", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));
    Path c = part("c", 2, 3, "run-5", samples(random, 10, 5, 1, ignored), Map.of("200", 10L));
    assertThat(merge(a + "," + c)).isEqualTo(MergeCli.INPUT_ERROR);
    assertThat(lastError()).contains("injectors = 3 but 2 run folders").contains("index 1 missing");
  }

  private int merge(String runs) {
    err.reset();
    return new MergeCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8)).run(Map.of("runs", runs, "merge.out", dir.resolve("out").toString(),
        "history.dir", dir.resolve("history").toString()));
  }

  private String lastError() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private StatsReport readMerged() throws Exception {
    return StatsExporter.mapper().readValue(dir.resolve("out").resolve("stats.json").toFile(), StatsReport.class);
  }

  private static Distribution samples(Random random, int n, int mean, int spread, Distribution together) {
    Distribution d = new Distribution();
    for (int i = 0; i < n; i++) {
      int ms = Math.max(0, (int) (mean + random.nextGaussian() * spread));
      d.add(ms, true);
      together.add(ms, true);
    }
    return d;
  }

  /** A part's run folder under parts/, its run from (1 + index) s to (4 + 2 index) s. */
  private Path part(String name, int index, int injectors, String runId, Distribution d, Map<String, Long> status)
      throws Exception {
    Map<String, Object> parameters = new LinkedHashMap<>(Map.of("profile", "Load", "stage", "staging",
        "timeScale", 0.05, "loadScale", 1.0, "injectors", injectors, "injectorIndex", index, "runId", runId));
    parameters.put("phases", List.of(Map.of("name", "hold", "startMs", 0, "lengthMs", 3000, "requests", d.count(),
        "seconds", 3)));
    long start = 1000L * (1 + index);
    long end = 1000L * (4 + 2 * index);
    int seconds = (int) ((end - start) / 1000);
    StatsReport.Row row = row("request", "GET /x", d, seconds, new HashMap<>(status));
    StatsReport.RunInfo run = new StatsReport.RunInfo("Load", "dev.loadbearing.suite.simulations.LoadSimulation",
        "3.15.1", name, start, end, end - start, seconds, parameters, "http://127.0.0.1:1", null, null, name, true);
    StatsReport.SlaResult sla = new StatsReport.SlaResult("global", "p50", "lt", 100, null, (double) d.percentile(50),
        d.percentile(50) < 100, null);
    StatsReport report = new StatsReport(run, row("global", "All Requests", d, seconds, new HashMap<>(status)),
        List.of(), List.of(row), List.of(sla));
    Path folder = Files.createDirectories(dir.resolve("parts").resolve(name));
    StatsExporter.write(folder.resolve("stats.json"), report);
    return folder;
  }

  private static StatsReport.Row row(String kind, String key, Distribution d, int seconds, Map<String, Long> status) {
    return new StatsReport.Row(kind, key, List.of(), key, d.count(), d.okCount(), d.koCount(), 0, d.min(), d.mean(),
        d.stdDev(), d.max(), d.percentile(50), d.percentile(75), d.percentile(90), d.percentile(95), d.percentile(99),
        d.percentile(99.9), (double) d.count() / seconds, status, Distribution.encode(d.histogram()));
  }
}
