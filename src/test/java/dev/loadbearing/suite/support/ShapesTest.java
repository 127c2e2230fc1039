package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.suite.config.SuiteConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShapesTest {

  private static SuiteConfig timeScale(String scale) {
    Properties properties = new Properties();
    properties.putAll(Map.of("timeScale", scale));
    return SuiteConfig.of(properties, Map.of());
  }

  private static Shape.Phase phase(String name, long startMillis, long lengthMillis) {
    return new Shape.Phase(name, Duration.ofMillis(startMillis), Duration.ofMillis(lengthMillis));
  }

  @Test
  void loadIsAWarmUpAHoldAndARampDownOneAfterTheOther() {
    Shape<?> load = Shapes.load(timeScale("0.05").load());
    assertThat(load.phases()).containsExactly(phase("warm-up", 0, 3000), phase("hold", 3000, 15_000),
        phase("ramp-down", 18_000, 2000));
    assertThat(load.steps()).hasSize(3);
  }

  @Test
  void theShortSpikeKeepsItsWindowsAndRampsInWholeSeconds() {
    Shape<?> spike = Shapes.spike(timeScale("0.05").spike());
    assertThat(spike.phases()).containsExactly(phase("before", 0, 20_000), phase("spike-ramp", 20_000, 1000),
        phase("hold", 21_000, 20_000), phase("ramp-back", 41_000, 1000), phase("recovery", 42_000, 30_000));
    assertThat(spike.length()).isEqualTo(Duration.ofSeconds(72));
  }

  @Test
  void stressNamesEachStepByItsUsers() {
    Shape<?> stress = Shapes.stress(timeScale("1").stress());
    assertThat(stress.phases()).extracting(Shape.Phase::name).containsExactly("ramp to 100 users", "100 users",
        "ramp to 200 users", "200 users", "ramp to 300 users", "300 users", "ramp to 400 users", "400 users",
        "ramp-down");
    assertThat(stress.phase("200 users").start()).isEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void breakingPointWarmsUpForItsRealLengthThenClimbsLevels() {
    Shape<?> shape = Shapes.breakingPoint(timeScale("0.05").breakingPoint());
    assertThat(shape.phase("warm-up").length()).isEqualTo(Duration.ofMinutes(1));
    assertThat(shape.phase("level 1")).isEqualTo(phase("level 1", 60_000, 10_000));
    assertThat(shape.phase("level 2").start()).as("after a 1 s ramp").isEqualTo(Duration.ofSeconds(71));
    assertThat(shape.phases()).filteredOn(p -> p.name().startsWith(Shapes.LEVEL)).hasSize(20);
  }

  @Test
  void everyMultiTenantTierHasTheSamePhasesSoTheyAreReportedOnce() {
    var profile = timeScale("0.05").multiTenant();
    Shape<?> ramping = Shapes.tier(profile, profile.tiers().get(0), true);
    Shape<?> constant = Shapes.tier(profile, profile.tiers().get(1), false);
    assertThat(constant.phases()).isEqualTo(ramping.phases())
        .containsExactly(phase("ramp", 0, 15_000), phase("hold", 15_000, 60_000));
  }

  @Test
  void anUnknownPhaseNameFailsNamingThePhases() {
    Shape<?> soak = Shapes.soak(timeScale("0.05").soak());
    assertThatThrownBy(() -> soak.phase("steady")).hasMessageContaining("no phase 'steady'; it has ramp, hold");
  }
}
