package dev.loadbearing.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SuiteConfigTest {

  private static SuiteConfig with(Map<String, String> properties, Map<String, String> environment) {
    Properties props = new Properties();
    props.putAll(properties);
    return SuiteConfig.of(props, environment);
  }

  private static SuiteConfig with(Map<String, String> properties) {
    return with(properties, Map.of());
  }

  @Test
  void readsTheIssueDefaultsForLoad() {
    Profiles.Load load = with(Map.of()).load();
    assertThat(load.rate()).isEqualTo(30.0);
    assertThat(load.warmUpRate()).isEqualTo(5.0);
    assertThat(load.warmUp()).isEqualTo(Duration.ofMinutes(1));
    assertThat(load.hold()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void timeScaleMultipliesEveryDurationIncludingThinkTimes() {
    SuiteConfig config = with(Map.of("timeScale", "0.05"));
    assertThat(config.load().hold()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.journeys().shopper().thinkMax()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.stress().stepHold()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void loadScaleAndStageMultiplyUsersAndRates() {
    assertThat(with(Map.of("loadScale", "0.5")).load().rate()).isEqualTo(15.0);
    assertThat(with(Map.of("stage", "dev")).stress().steps()).containsExactly(10, 20, 30, 40);
    assertThat(with(Map.of("stage", "prod")).soak().users()).isEqualTo(200);
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFile() {
    assertThat(with(Map.of(), Map.of("LOADBEARING_TIME_SCALE", "0.5")).knobs().timeScale()).isEqualTo(0.5);
    assertThat(with(Map.of("timeScale", "0.1"), Map.of("LOADBEARING_TIME_SCALE", "0.5")).knobs().timeScale())
        .isEqualTo(0.1);
    assertThat(with(Map.of(), Map.of("CONFIG_FORCE_loadbearing_profiles_load_rate", "40")).load().rate()).isEqualTo(40.0);
    assertThat(with(Map.of("loadbearing.profiles.load.rate", "50"),
        Map.of("CONFIG_FORCE_loadbearing_profiles_load_rate", "40")).load().rate()).isEqualTo(50.0);
  }

  @Test
  void anySingleValueCanBeSetByKey() {
    SuiteConfig config = with(Map.of("loadbearing.profiles.smoke.sla.p95", "1ms",
        "loadbearing.profiles.soak.duration", "4h"));
    assertThat(config.smoke().slas()).anySatisfy(sla -> {
      assertThat(sla.metric()).isEqualTo("p95");
      assertThat(sla.threshold()).isEqualTo(1.0);
    });
    assertThat(config.soak().duration()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void rejectsWeightsThatDoNotSumToOneHundredNamingTheKey() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.journeys.shopper.weights.browse", "50")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.journeys.shopper.weights")
        .hasMessageContaining("sum to 110")
        .hasMessageContaining("must sum to 100");
  }

  @Test
  void rejectsNegativeValuesNamingTheKeyAndWhatItAccepts() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.load.rate", "-5")).load())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.load.rate = -5")
        .hasMessageContaining("accepts a number");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.soak.users", "-1")).soak())
        .hasMessageContaining("loadbearing.profiles.soak.users");
    assertThatThrownBy(() -> with(Map.of("timeScale", "-1")))
        .hasMessageContaining("loadbearing.run.time-scale = -1.0 is invalid; it accepts a number");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.load.hold", "-5m")).load())
        .hasMessageContaining("loadbearing.profiles.load.hold").hasMessageContaining("a duration >= 0");
  }

  @Test
  void rejectsAnUnknownStageListingTheStages() {
    assertThatThrownBy(() -> with(Map.of("stage", "qa")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.run.stage = 'qa'")
        .hasMessageContaining("one of dev, staging, prod");
  }

  @Test
  void rejectsAnUnknownKeyListingTheKnownOnes() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.load.rat", "40")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown key loadbearing.profiles.load.rat")
        .hasMessageContaining("loadbearing.profiles.load accepts")
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> with(Map.of(), Map.of("CONFIG_FORCE_loadbearing_profiles_lod_rate", "40")))
        .hasMessageContaining("unknown key loadbearing.profiles.lod.rate");
  }

  @Test
  void carriesTheReasonOfALooserBound() {
    assertThat(with(Map.of("loadbearing.profiles.smoke.sla.reasons.p95", "cold start")).smoke().slas())
        .anySatisfy(sla -> assertThat(sla.reason()).isEqualTo("cold start"));
  }

  @Test
  void rejectsAnUnknownSla() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.load.sla.p96", "1s")))
        .hasMessageContaining("unknown key loadbearing.profiles.load.sla.p96");
  }

  @Test
  void rejectsAFlashSaleWhoseStockCoversEveryBuyer() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.flash-sale.stock", "1000")).flashSale())
        .hasMessageContaining("loadbearing.profiles.flash-sale.stock = 1000");
  }
}
