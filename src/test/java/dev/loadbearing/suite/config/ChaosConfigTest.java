package dev.loadbearing.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ChaosConfigTest {
  private static final String CHAOS = "loadbearing.profiles.chaos.";

  private static Profiles.Chaos chaos(Map<String, String> properties) {
    Properties props = new Properties();
    props.putAll(properties);
    return SuiteConfig.of(props, Map.of()).chaos();
  }

  @Test
  void readsTheScheduleInOrderOfStart() {
    Profiles.Chaos chaos = chaos(Map.of());
    assertThat(chaos.faults()).extracting(Profiles.Fault::name).containsExactly("stall", "restart", "dropped",
        "degraded");
    assertThat(chaos.faults().get(0).at()).isEqualTo(Duration.ofSeconds(30));
    assertThat(chaos.faults().get(3).databaseLatencyMs()).isEqualTo(100);
    assertThat(chaos.faults().get(3).providerErrors()).isEqualTo(0.5);
    assertThat(chaos.settle()).isEqualTo(Duration.ofSeconds(12));
    assertThat(chaos.duration()).isEqualTo(Duration.ofSeconds(210));
  }

  @Test
  void theShortFormKeepsFaultLengthsAndSpacesFaultsBySettleTime() {
    Profiles.Chaos chaos = chaos(Map.of("timeScale", "0.05"));
    assertThat(chaos.faults()).extracting(Profiles.Fault::duration).containsExactly(Duration.ofSeconds(5),
        Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(15));
    assertThat(chaos.faults()).extracting(Profiles.Fault::at).containsExactly(Duration.ofSeconds(20),
        Duration.ofSeconds(37), Duration.ofSeconds(52), Duration.ofSeconds(64));
    assertThat(chaos.duration()).as("the last fault's end + settle").isEqualTo(Duration.ofSeconds(91));
    assertThat(chaos.maxDuration()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aFullFormFaultTooSoonAfterTheOneBeforeStopsTheRunNamingIt() {
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.restart.at", "40s")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.chaos.faults.restart.at = 40 s is too soon")
        .hasMessageContaining("47 s or later");
  }

  @Test
  void noFaultStartsBeforeTheWarmUp() {
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.stall.at", "15s")))
        .hasMessageContaining("faults.stall.at = 15 s is too soon").hasMessageContaining("20 s or later");
  }

  @Test
  void aLoadEndingBeforeTheLastFaultIsJudgedStopsTheRun() {
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "duration", "3m")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.chaos.duration = 180 s").hasMessageContaining("192 s or more");
  }

  @Test
  void anUnknownKindOrSettingOrBadValueIsNamed() {
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.stall.kind", "database-stal")))
        .hasMessageContaining("loadbearing.profiles.chaos.faults.stall.kind = 'database-stal' is invalid")
        .hasMessageContaining("database-stall, database-restart");
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.degraded.provider-errors", "1.5")))
        .hasMessageContaining("faults.degraded.provider-errors = 1.5 is invalid; it accepts a share");
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.stall.duration", "0s")))
        .hasMessageContaining("faults.stall.duration = 0 ms is invalid");
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.stall.kind", "partial-degradation")))
        .hasMessageContaining("faults.stall.database-latency is missing");
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.degraded.kind", "database-stall")))
        .hasMessageContaining("faults.degraded.database-latency is not a setting of a database-stall fault; it "
            + "accepts kind, at, duration");
  }

  @Test
  void commandAndUrlFaultsNeedWhatTheyRun() {
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.stall.kind", "command")))
        .hasMessageContaining("faults.stall.begin is missing");
    assertThatThrownBy(() -> chaos(Map.of(CHAOS + "faults.restart.kind", "url")))
        .hasMessageContaining("faults.restart.begin is missing");
  }
}
