package dev.loadbearing.suite.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.LatencyTimeline;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RecoveryTimeTest {
  private static final Profiles.Recovery RECOVERY = new Profiles.Recovery(Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofMillis(500), 1);

  /** A timeline slow (p95 2 s) or failing before {@code healthyFrom} (epoch ms), healthy from it on. */
  private static BiFunction<Long, Long, LatencyTimeline.Window> healthyFrom(long healthyFrom, boolean slowBefore) {
    return (from, to) -> from >= healthyFrom ? new LatencyTimeline.Window(150, 1, 40)
        : slowBefore ? new LatencyTimeline.Window(150, 0, 2000) : new LatencyTimeline.Window(150, 30, 40);
  }

  @Test
  void recoveryIsFromTheEndToTheFirstWindowWithinTheSlas() {
    OptionalLong recovery = RecoveryTime.after(100_400, 200_000, RECOVERY, healthyFrom(103_000, true));
    assertThat(recovery).hasValue(2_600);
  }

  @Test
  void tooManyFailuresAreNotRecoveredEvenWhenFast() {
    assertThat(RecoveryTime.after(100_000, 200_000, RECOVERY, healthyFrom(110_000, false))).hasValue(10_000);
  }

  @Test
  void noWindowBeforeTheNextFaultMeansNeverRecovered() {
    assertThat(RecoveryTime.after(100_000, 112_000, RECOVERY, healthyFrom(110_000, true))).isEmpty();
  }

  @Test
  void aWindowWithoutResponsesIsNotARecovery() {
    assertThat(RecoveryTime.within(new LatencyTimeline.Window(0, 0, 0), RECOVERY)).isFalse();
    Profiles.Recovery none = new Profiles.Recovery(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofMillis(500), 0);
    assertThat(RecoveryTime.within(new LatencyTimeline.Window(150, 1, 40), none)).isFalse();
    assertThat(RecoveryTime.within(new LatencyTimeline.Window(150, 0, 40), none)).isTrue();
  }
}
