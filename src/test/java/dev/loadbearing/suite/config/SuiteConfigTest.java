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
  void timeScaleShortensInjectionPhasesAndMaxDuration() {
    SuiteConfig config = with(Map.of("timeScale", "0.05"));
    assertThat(config.load().warmUp()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.load().hold()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.stress().stepRamp()).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.stress().stepHold()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.soak().duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.flashSale().maxDuration()).as("9 s, raised to the floor").isEqualTo(Duration.ofSeconds(60));
    assertThat(config.load().maxDuration()).as("27 s, raised to the floor").isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void timeScaleLeavesThinkTimesWarmUpsAndArrivalWindowsAtTheirRealLength() {
    SuiteConfig config = with(Map.of("timeScale", "0.05"));
    assertThat(config.journeys().shopper().thinkMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.journeys().shopper().thinkMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.journeys().assistant().thinkMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.breakingPoint().warmUp()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.flashSale().arrival()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.database().warmUp()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void timeScaleLeavesUsersAndRatesAlone() {
    SuiteConfig config = with(Map.of("timeScale", "0.05"));
    assertThat(config.load().rate()).isEqualTo(30.0);
    assertThat(config.stress().steps()).containsExactly(100, 200, 300, 400);
    assertThat(config.spike().baseUsers()).isEqualTo(10);
    assertThat(config.spike().peakUsers()).isEqualTo(200);
    assertThat(config.soak().users()).isEqualTo(100);
    assertThat(config.multiTenant().tiers()).extracting(Profiles.Tier::users).containsExactly(50, 500, 200);
    assertThat(config.flashSale().users()).isEqualTo(500);
    assertThat(config.breakingPoint().startRate()).isEqualTo(200.0);
    assertThat(config.database().crudRate()).isEqualTo(20.0);
  }

  @Test
  void theShortFormGivesItsPhasesTheirLeastLengthWhenTimeScaleIsBelowOne() {
    Profiles.Spike spike = with(Map.of("timeScale", "0.05")).spike();
    assertThat(spike.before()).isEqualTo(Duration.ofSeconds(20));
    assertThat(spike.hold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(spike.recovery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spike.spikeRamp()).as("not in the short form: scaled").isEqualTo(Duration.ofMillis(500));
    assertThat(spike.maxDuration()).isEqualTo(Duration.ofMinutes(3));
    assertThat(with(Map.of("timeScale", "0.05")).breakingPoint().level()).isEqualTo(Duration.ofSeconds(10));
    assertThat(with(Map.of("timeScale", "0.05")).rateLimit().sustainedDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(with(Map.of("timeScale", "0.05")).database().duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(with(Map.of("timeScale", "0.05")).database().recovery()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theShortFormIsALeastLengthNeitherAboveTheScaledNorAboveTheFullOne() {
    assertThat(with(Map.of("timeScale", "0.5")).spike().hold()).as("scaled 90 s is above 20 s")
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(with(Map.of("timeScale", "0.05", "loadbearing.profiles.spike.hold", "10s")).spike().hold())
        .as("never longer than the full length").isEqualTo(Duration.ofSeconds(10));
    Profiles.Spike full = with(Map.of()).spike();
    assertThat(full.before()).isEqualTo(Duration.ofMinutes(1));
    assertThat(full.maxDuration()).isEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void rejectsAShortFormKeyThatIsNotAPhaseLengthNamingTheOnesItAccepts() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.spike.short-form.hodl", "20s")).spike())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.spike.short-form.hodl is not a phase length")
        .hasMessageContaining("accepts before, spike-ramp, hold, ramp-back, recovery, max-duration");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.flash-sale.short-form.arrival", "5s")).flashSale())
        .hasMessageContaining("loadbearing.profiles.flash-sale.short-form accepts max-duration");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.breaking-point.short-form.warm-up", "5s"))
        .breakingPoint()).hasMessageContaining("accepts level, level-ramp, max-duration");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.spike.short-form.hold", "soon")).spike())
        .hasMessageContaining("loadbearing.profiles.spike.short-form.hold").hasMessageContaining("a duration");
  }

  @Test
  void aProfileWithoutAShortFormBlockCanBeGivenOneByKey() {
    assertThat(with(Map.of("timeScale", "0.05", "loadbearing.profiles.load.short-form.hold", "1m")).load().hold())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void readsAWorkloadByItsKey() {
    Workload stress = with(Map.of()).workload("stress");
    assertThat(stress.weight("shopper")).isEqualTo(85.0);
    assertThat(stress.weight("onboarding")).isZero();
    assertThat(stress.tiers()).containsExactly("enterprise");
  }

  @Test
  void rejectsAnUnknownWorkloadNamingTheKnownOnes() {
    assertThatThrownBy(() -> with(Map.of()).workload("strss"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.workloads.strss is missing")
        .hasMessageContaining("breaking-point, load, soak, spike, stress");
  }

  @Test
  void anUnknownJourneyOrStepNameFailsInsteadOfWeighingZero() {
    SuiteConfig config = with(Map.of());
    assertThatThrownBy(() -> config.workload("load").weight("shoper"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'shoper' is not a journey of loadbearing.workloads.load.mix")
        .hasMessageContaining("shopper, assistant, onboarding, admin");
    assertThatThrownBy(() -> config.workload("breaking-point").weight("shopper"))
        .hasMessageContaining("loadbearing.workloads.breaking-point has no mix");
    assertThatThrownBy(() -> config.journeys().shopper().weight("brwose"))
        .hasMessageContaining("'brwose' is not a step of loadbearing.journeys.shopper")
        .hasMessageContaining("browse, search, order, report");
    assertThatThrownBy(() -> with(Map.of("loadbearing.workloads.load.mix.shoper", "80")))
        .hasMessageContaining("unknown key loadbearing.workloads.load.mix.shoper");
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
    assertThat(with(Map.of(), Map.of("CONFIG_FORCE_loadbearing_profiles_load_rate", "40")).load().rate())
        .isEqualTo(40.0);
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

  @Test
  void serverSlasApplyToEveryProfileAndAProfileSwitchesOneOffOrOverridesIt() {
    SuiteConfig config = with(Map.of("loadbearing.profiles.load.server-sla.cache-hit-min", "95%"));
    assertThat(config.serverSla("smoke")).extracting(b -> b.kind().key()).containsExactly("service-cpu-p95",
        "heap-per-100-users", "lock-wait-mean", "cache-hit-min", "no-leak");
    assertThat(config.serverSla("smoke").get(0).threshold()).isEqualTo(80.0);
    assertThat(config.serverSla("smoke").get(1).threshold()).as("500MB in MB").isEqualTo(500.0);
    assertThat(config.serverSla("smoke").get(2).threshold()).as("100ms in ms").isEqualTo(100.0);
    assertThat(config.serverSla("load").get(3).threshold()).isEqualTo(95.0);
    assertThat(config.serverSla("load").get(3).key()).isEqualTo("loadbearing.profiles.load.server-sla.cache-hit-min");
    assertThat(config.serverSla("breaking-point")).extracting(b -> b.kind().key())
        .doesNotContain("service-cpu-p95", "no-leak");
  }

  @Test
  void anUnknownServerSlaKeyStopsTheRunNamingTheKeysItAccepts() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.server-sla.cpu-p95", "80%")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown key loadbearing.server-sla.cpu-p95")
        .hasMessageContaining("service-cpu-p95");
    assertThatThrownBy(() -> with(Map.of("loadbearing.profiles.smoke.server-sla.cpu", "80%")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.smoke.server-sla.cpu is not a server-side SLA")
        .hasMessageContaining("accepts service-cpu-p95, heap-per-100-users, lock-wait-mean, cache-hit-min, no-leak");
  }

  @Test
  void aBadServerSlaValueStopsTheRunNamingTheKeyAndWhatItAccepts() {
    assertThatThrownBy(() -> with(Map.of("loadbearing.server-sla.service-cpu-p95", "180%")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.server-sla.service-cpu-p95 = '180%' is invalid")
        .hasMessageContaining("a percentage above 0 and at most 100 such as 80%, or off");
    assertThatThrownBy(() -> with(Map.of("loadbearing.server-sla.heap-per-100-users", "lots")))
        .hasMessageContaining("loadbearing.server-sla.heap-per-100-users = 'lots' is invalid")
        .hasMessageContaining("a size such as 500MB");
    assertThatThrownBy(() -> with(Map.of("loadbearing.server-sla.lock-wait-mean", "soon")))
        .hasMessageContaining("loadbearing.server-sla.lock-wait-mean").hasMessageContaining("a duration");
    assertThatThrownBy(() -> with(Map.of("loadbearing.server-sla.no-leak", "maybe")))
        .hasMessageContaining("loadbearing.server-sla.no-leak = 'maybe' is invalid; it accepts true, false or off");
  }
}
