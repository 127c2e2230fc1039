package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseRateTest {
  private static final Shape.Phase HOLD = new Shape.Phase("hold", Duration.ofSeconds(3), Duration.ofSeconds(15));

  @Test
  void countsOnlyTheWholeSecondsInsideThePhase() {
    // Load starts half-way through second 1000: the hold runs 1003.5-1018.5, whole seconds 1004..1017.
    long loadStart = 1_000_500;
    PhaseRate rate = PhaseRate.of(HOLD, loadStart, second -> second >= 1004 && second < 1018 ? 40 : 1000);
    assertThat(rate.seconds()).isEqualTo(14);
    assertThat(rate.requests()).isEqualTo(14 * 40);
    assertThat(rate.perSecond()).isEqualTo(40.0);
  }

  @Test
  void aPhaseOnWholeSecondsCountsEachOfThem() {
    PhaseRate rate = PhaseRate.of(HOLD, 1_000_000, second -> second - 1000);
    assertThat(rate.seconds()).isEqualTo(15);
    assertThat(rate.requests()).isEqualTo(3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17);
  }

  @Test
  void aPhaseShorterThanASecondCannotBeMeasured() {
    Shape.Phase ramp = new Shape.Phase("spike-ramp", Duration.ofMillis(20_200), Duration.ofMillis(600));
    PhaseRate rate = PhaseRate.of(ramp, 1_000_000, second -> 50);
    assertThat(rate.seconds()).isZero();
    assertThat(rate.perSecond()).isNaN();
    assertThat(rate.line()).contains("too short to measure");
    assertThat(rate.manifest()).containsEntry("requestsPerSecond", null);
  }

  @Test
  void printsAndRecordsTheRateRounded() {
    PhaseRate rate = new PhaseRate(HOLD, 596, 15);
    assertThat(rate.line()).isEqualTo("phase hold, 3.0-18.0 s: 39.7 req/s (596 responses in 15 s)");
    assertThat(rate.manifest()).containsAllEntriesOf(Map.of("name", "hold", "startMs", 3000L, "lengthMs", 15_000L,
        "requests", 596L, "requestsPerSecond", 39.7));
  }
}
