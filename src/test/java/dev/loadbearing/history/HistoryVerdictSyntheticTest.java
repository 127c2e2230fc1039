package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.history.VerdictRates.Case;
import org.junit.jupiter.api.Test;

/**
 * The history verdict on 100 seeded synthetic histories per case (seeds 1..100: the same histories on every
 * run). Rates over 1,000 histories are in docs/COMPARE.md (VerdictRates).
 */
class HistoryVerdictSyntheticTest {
  private static final int HISTORIES = 100;
  private static final int K = SyntheticHistory.K;

  @Test
  void noiseOfTheSizeMeasuredHereRaisesNoFalseAlarmIn100Histories() {
    assertThat(VerdictRates.falseAlarms(new Case(1, 1, K), HISTORIES)).isZero();
    assertThat(VerdictRates.falseAlarms(new Case(10, 1, K), HISTORIES)).isZero();
  }

  @Test
  void aFifteenPercentStepIsCaughtInTheRunItHappensWhenTheFigureIsAsSteadyAsThroughputHere() {
    assertThat(VerdictRates.stepCaught(new Case(10, "1.8 %", VerdictRates.STEADY, K), 0.15, HISTORIES))
        .isGreaterThanOrEqualTo(0.90);
    assertThat(VerdictRates.stepCaught(new Case(10, "1.8 %", VerdictRates.STEADY, 10), 0.15, HISTORIES))
        .isEqualTo(1.0);
  }

  @Test
  void aStepWithinTheMeasuredNoiseIsNotCalledARegressionButADoublingIs() {
    // p95 and p99 move 8 to 14 % between identical runs here: one run cannot tell +15 % from noise.
    assertThat(VerdictRates.stepCaught(new Case(10, 1, K), 0.15, HISTORIES)).isLessThan(0.10);
    assertThat(VerdictRates.stepCaught(new Case(10, 1, K), 1.0, HISTORIES)).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void steadyFiguresStayQuietOverFifteenRunsInARow() {
    Case steady = new Case(10, "1.8 %", VerdictRates.STEADY, K);
    assertThat(VerdictRates.falseAlarmsOverRuns(steady, HISTORIES)).isZero();
    assertThat(VerdictRates.driftWarnings(steady, HISTORIES)).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aCreepOfThreePercentPerRunIsFlaggedAsDriftWithinTenRuns() {
    assertThat(VerdictRates.creepFlagged(new Case(10, 0.25, K), 0.03, HISTORIES)).isGreaterThanOrEqualTo(0.95);
    assertThat(VerdictRates.creepFlagged(new Case(1, 0.25, K), 0.03, HISTORIES)).isGreaterThanOrEqualTo(0.95);
  }
}
