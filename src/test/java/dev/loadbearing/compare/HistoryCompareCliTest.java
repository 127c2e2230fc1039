package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.stats.StatsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dcompare.against=history} end to end: a history folder of real Load runs (baselines/Load.json with its
 * latencies scaled), the newest run in a Gatling results folder, the comparator's exit code and outputs.
 */
class HistoryCompareCliTest {
  /** Run-to-run wobble of a quiet history: within ±3 %. */
  private static final double[] QUIET = {1.00, 1.03, 0.97, 1.02, 0.99};

  @TempDir
  Path dir;

  private HistoryFixture h;

  @BeforeEach
  void history() {
    h = new HistoryFixture(dir);
  }

  @Test
  void aRunWithinTheHistorysNoisePassesAndWritesEveryReport() throws Exception {
    h.recorded(QUIET);
    h.newest(1.02);

    assertThat(h.compare()).as(h.err()).isZero();
    assertThat(h.out()).contains("median of the last 5 runs of this shape", "PASS: No regression");
    assertThat(Files.readString(h.dir.resolve("out/compare.md"))).contains("median of 5 runs");
    assertThat(h.dir.resolve("out/compare-junit.xml")).exists();
    assertThat(h.dir.resolve("out/compare.html")).exists();

    assertThat(h.compare("compare.history.runs=3")).as(h.err()).isZero();
    assertThat(h.out()).contains("median of the last 3 runs of this shape");
  }

  @Test
  void aHistoryRunThatMeasuredItsLoadGeneratorIsLeftOutSayingSo() throws Exception {
    h.recorded(1.0, 1.01);
    ObjectNode diagnosis = HistoryFixture.LOAD.diagnosis().deepCopy();
    ((ObjectNode) diagnosis.path("grade")).put("letter", "invalid").put("invalidBecause", "the injector was busy");
    StatsReport saturated = h.next(3.0);
    h.append(new StatsReport(saturated.schemaVersion(),
        saturated.run(), saturated.global(), saturated.groups(), saturated.requests(), saturated.slas(), null,
        saturated.server(), diagnosis, saturated.llm(), null));
    h.newest(1.0);

    assertThat(h.compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("history run " + saturated.run().runFolder() + " left out: the injector was busy",
        "has 2 valid runs");
  }

  @Test
  void anOlderRunJudgedAgainIsComparedWithTheRunsBeforeItOnly() throws Exception {
    h.recorded(QUIET);
    h.newest(1.0);
    // Recorded after it, three times faster: against these it would be a regression.
    h.recorded(0.3, 0.3, 0.3, 0.3, 0.3);

    assertThat(h.compare()).as(h.out()).isZero();
    assertThat(h.out()).contains("loadsimulation-20261130000000001 … loadsimulation-20261130000000005");
  }

  @Test
  void aRunTwiceAsSlowAsTheHistoryIsARegression() throws Exception {
    h.recorded(QUIET);
    h.newest(2.0);

    assertThat(h.compare()).isEqualTo(CompareCli.REGRESSION);
    assertThat(h.out()).contains("REGRESSION  All Requests", "FAIL: ");
  }

  @Test
  void aNoisyHistoryWidensTheBoundAndSaysSo() throws Exception {
    // p99 of Load is 51 ms: runs between 0.7 x and 1.4 x make a noise bound far above the 10 % tolerance.
    h.recorded(1.0, 1.4, 0.7, 1.2, 0.9);
    h.newest(1.3);

    assertThat(h.compare()).as(h.out()).isZero();
    assertThat(h.out()).contains("(spread)");
  }

  @Test
  void theNewestRunAlreadyInTheHistoryIsNotComparedWithItself() throws Exception {
    h.recorded(1.0, 1.01);
    StatsReport run = h.newest(1.0);
    h.append(run);

    assertThat(h.compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("has 2 valid runs of Load of the newest run's shape besides it",
        "needs 3 or more", "mvn gatling:test -Dsimulation=Load", "-Dcompare.against=baseline");
    assertThat(h.dir.resolve("out/compare.md")).doesNotExist();
  }

  @Test
  void anEmptyHistoryIsAnInputErrorNotAVerdict() throws Exception {
    h.newest(1.0);

    assertThat(h.compare()).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("has 0 valid runs");
  }

  @Test
  void aSteadyCreepBeyondTheToleranceIsADriftRegression() throws Exception {
    // +4 % a run for 10 runs: +43 % in all, yet each run is only ~12 % above the median of the 5 before it,
    // within their spread.
    h.creeping(1.04);

    assertThat(h.compare()).isEqualTo(CompareCli.REGRESSION);
    assertThat(h.out()).contains("p95 drift", "steady rise over the last 10 runs", "the creep exceeds the tolerance");
  }

  @Test
  void aCreepWithinTheToleranceIsAWarningOnly() throws Exception {
    h.creeping(1.008);

    assertThat(h.compare()).as(h.out()).isZero();
    assertThat(h.out()).contains("drift ", "within the tolerance so far", "drifting (warning)");
  }

  @Test
  void anUnknownBasisIsAUsageErrorNamingTheAllowedOnes() {
    assertThat(h.compare("compare.against=yesterday")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("-Dcompare.against must be baseline or history, not 'yesterday'");
  }

  @Test
  void tooFewRunsToAskForIsAUsageError() {
    assertThat(h.compare("compare.history.runs=2")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("-Dcompare.history.runs must be 3 or more, not 2");
    assertThat(h.compare("compare.history.drift-runs=five")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("-Dcompare.history.drift-runs must be a whole number, not 'five'");
  }

  @Test
  void aHistoryTableThatCannotBeReachedOrAnOffHistoryIsAnInputError() throws Exception {
    h.newest(1.0);
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    assertThat(h.compare("history.url=jdbc:postgresql://127.0.0.1:1/history")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("history").doesNotContain("internal error");
    assertThat(h.compare("history=false")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("-Dhistory=false: there is no history to read");
    assertThat(h.compare("history.url=mysql://x")).isEqualTo(CompareCli.INPUT_ERROR);
    assertThat(h.err()).contains("-Dhistory.url=mysql://x: expected jdbc:postgresql:");
  }
}
