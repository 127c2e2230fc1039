package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpreadAndDriftTest {

  @Test
  void theSpreadIsTheMedianAndAPredictionBoundThatWidensForFewRuns() {
    Spread s = Spread.of(100, 104, 98, 102, 101);

    assertThat(s.median()).isEqualTo(101);
    assertThat(s.runs()).isEqualTo(5);
    assertThat(Spread.k(5)).isCloseTo(7.86, within(0.01));
    assertThat(Spread.k(10)).isCloseTo(4.51, within(0.01));
    assertThat(s.sd()).isCloseTo(2.236, within(0.001));
    assertThat(s.noise()).isCloseTo(Spread.k(5) * s.sd(), within(1e-9));
  }

  @Test
  void oneRunSlowedByAnotherJobDoesNotWidenTheBound() {
    Spread s = Spread.of(17, 18, 17, 5017, 18);

    assertThat(s.median()).isEqualTo(18);
    assertThat(s.runs()).isEqualTo(4);
    assertThat(s.noise()).isLessThan(10);
    assertThat(Spread.of(17, 18, 17, 19, 18).runs()).isEqualTo(5);
  }

  @Test
  void oneRunHasNoSpread() {
    assertThat(Spread.of(42).noise()).isZero();
  }

  @Test
  void aSteadyRiseOverTenRunsIsADriftWithItsSlope() {
    Drift d = Drift.of(100, 103, 106, 109, 112, 115, 118, 121, 124, 127);

    assertThat(d.slope()).isEqualTo(3);
    assertThat(d.start()).isEqualTo(100);
    assertThat(d.end()).isEqualTo(127);
    assertThat(d.significant(true)).isTrue();
    assertThat(d.significant(false)).isFalse();
  }

  @Test
  void oneWildRunDoesNotBendTheSlope() {
    Drift d = Drift.of(100, 100, 100, 100, 900, 100, 100, 100, 100, 100);

    assertThat(d.slope()).isZero();
    assertThat(d.significant(true)).isFalse();
  }

  @Test
  void sevenRisingRunsAreTooFewToCallATrend() {
    assertThat(Drift.of(1, 2, 3, 4, 5, 6, 7).significant(true)).isFalse();
    assertThat(Drift.of(1, 2, 3, 4, 5, 6, 7, 8).significant(true)).isTrue();
  }

  @Test
  void aFallingSeriesIsADriftDownward() {
    assertThat(Drift.of(30, 29, 28, 27, 26, 25, 24, 23, 22, 21).significant(false)).isTrue();
  }
}
