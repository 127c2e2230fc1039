package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.history.FolderHistory;
import dev.loadbearing.history.ScaledStats;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dcompare.against=history} end to end: a history folder of real Load runs (baselines/Load.json with its
 * latencies scaled), the newest run in a Gatling results folder, the comparator's exit code and outputs.
 */
class HistoryCompareCliTest {
  private static final StatsReport LOAD = StatsFiles.load(Path.of("baselines/Load.json"));
  /** Run-to-run wobble of a quiet history: within ±3 %. */
  private static final double[] QUIET = {1.00, 1.03, 0.97, 1.02, 0.99};

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private int runs;

  private int compare(String... args) {
    List<String> all = new ArrayList<>(List.of("simulation=Load", "compare.against=history"));
    all.addAll(List.of(args));
    all.add("history.dir=" + dir.resolve("history"));
    all.add("compare.results=" + dir.resolve("gatling"));
    all.add("compare.output=" + dir.resolve("out"));
    return new CompareCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(Map.of(), all.toArray(String[]::new));
  }

  /** Appends runs of Load with its latencies × each factor, oldest first; returns the last one. */
  private StatsReport recorded(double... factors) {
    FolderHistory h = new FolderHistory(dir.resolve("history"), w -> { });
    StatsReport last = null;
    for (double f : factors) {
      last = next(f);
      h.append(last);
    }
    return last;
  }

  private StatsReport next(double factor) {
    runs++;
    String folder = String.format("loadsimulation-20261130%09d", runs);
    return ScaledStats.run(LOAD, factor, folder, 1_796_000_000_000L + runs * 60_000L);
  }

  /** The newest run: a Gatling run folder with its stats.json (and a simulation.log, as Gatling leaves one). */
  private StatsReport newest(double factor) throws Exception {
    StatsReport run = next(factor);
    Path folder = dir.resolve("gatling").resolve(run.run().runFolder());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("simulation.log"), "");
    StatsExporter.write(folder.resolve(StatsExporter.FILE_NAME), run);
    return run;
  }

  /** Nine runs in the history and the newest, latencies × 10 (whole milliseconds do not tie) × perRun a run. */
  private void creeping(double perRun) throws Exception {
    double[] factors = new double[9];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = 10 * Math.pow(perRun, i);
    }
    recorded(factors);
    newest(10 * Math.pow(perRun, 9));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRunWithinTheHistorysNoisePassesAndWritesEveryReport() throws Exception {
    recorded(QUIET);
    newest(1.02);

    assertThat(compare()).as(err()).isZero();
    assertThat(out()).contains("median of the last 5 runs of this shape", "PASS: No regression");
    assertThat(Files.readString(dir.resolve("out/compare.md"))).contains("median of 5 runs");
    assertThat(dir.resolve("out/compare-junit.xml")).exists();
    assertThat(dir.resolve("out/compare.html")).exists();

    assertThat(compare("compare.history.runs=3")).as(err()).isZero();
    assertThat(out()).contains("median of the last 3 runs of this shape");
  }

  @Test
  void aHistoryRunThatMeasuredItsLoadGeneratorIsLeftOutSayingSo() throws Exception {
    recorded(1.0, 1.01);
    ObjectNode diagnosis = LOAD.diagnosis().deepCopy();
    ((ObjectNode) diagnosis.path("grade")).put("letter", "invalid").put("invalidBecause", "the injector was busy");
    StatsReport saturated = next(3.0);
    new FolderHistory(dir.resolve("history"), w -> { }).append(new StatsReport(saturated.schemaVersion(),
        saturated.run(), saturated.global(), saturated.groups(), saturated.requests(), saturated.slas(), null,
        saturated.server(), diagnosis, saturated.llm(), null));
    newest(1.0);

    assertThat(compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("history run " + saturated.run().runFolder() + " left out: the injector was busy",
        "has 2 valid runs");
  }

  @Test
  void anOlderRunJudgedAgainIsComparedWithTheRunsBeforeItOnly() throws Exception {
    recorded(QUIET);
    newest(1.0);
    // Recorded after it, three times faster: against these it would be a regression.
    recorded(0.3, 0.3, 0.3, 0.3, 0.3);

    assertThat(compare()).as(out()).isZero();
    assertThat(out()).contains("loadsimulation-20261130000000001 … loadsimulation-20261130000000005");
  }

  @Test
  void aRunTwiceAsSlowAsTheHistoryIsARegression() throws Exception {
    recorded(QUIET);
    newest(2.0);

    assertThat(compare()).isEqualTo(CompareCli.REGRESSION);
    assertThat(out()).contains("REGRESSION  All Requests", "FAIL: ");
  }

  @Test
  void aNoisyHistoryWidensTheBoundAndSaysSo() throws Exception {
    // p99 of Load is 51 ms: runs between 0.7 x and 1.4 x make a noise bound far above the 10 % tolerance.
    recorded(1.0, 1.4, 0.7, 1.2, 0.9);
    newest(1.3);

    assertThat(compare()).as(out()).isZero();
    assertThat(out()).contains("(spread)");
  }

  @Test
  void theNewestRunAlreadyInTheHistoryIsNotComparedWithItself() throws Exception {
    recorded(1.0, 1.01);
    StatsReport run = newest(1.0);
    new FolderHistory(dir.resolve("history"), w -> { }).append(run);

    assertThat(compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("has 2 valid runs of Load of the newest run's shape besides it",
        "needs 3 or more", "mvn gatling:test -Dsimulation=Load", "-Dcompare.against=baseline");
    assertThat(dir.resolve("out/compare.md")).doesNotExist();
  }

  @Test
  void anEmptyHistoryIsAnInputErrorNotAVerdict() throws Exception {
    newest(1.0);

    assertThat(compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("has 0 valid runs");
  }

  @Test
  void aSteadyCreepBeyondTheToleranceIsADriftRegression() throws Exception {
    // +4 % a run for 10 runs: +43 % in all, yet each run is only ~12 % above the median of the 5 before it,
    // within their spread.
    creeping(1.04);

    assertThat(compare()).isEqualTo(CompareCli.REGRESSION);
    assertThat(out()).contains("p95 drift", "steady rise over the last 10 runs", "the creep exceeds the tolerance");
  }

  @Test
  void aCreepWithinTheToleranceIsAWarningOnly() throws Exception {
    creeping(1.008);

    assertThat(compare()).as(out()).isZero();
    assertThat(out()).contains("drift ", "within the tolerance so far", "drifting (warning)");
  }

  @Test
  void anUnknownBasisIsAUsageErrorNamingTheAllowedOnes() {
    assertThat(compare("compare.against=yesterday")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("-Dcompare.against must be baseline or history, not 'yesterday'");
  }

  @Test
  void tooFewRunsToAskForIsAUsageError() {
    assertThat(compare("compare.history.runs=2")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("-Dcompare.history.runs must be 3 or more, not 2");
    assertThat(compare("compare.history.drift-runs=five")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(err()).contains("-Dcompare.history.drift-runs must be a whole number, not 'five'");
  }
}
