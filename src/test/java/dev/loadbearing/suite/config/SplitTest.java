package dev.loadbearing.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A split's shares add up to the whole, and every bad value stops the run naming the flag. */
class SplitTest {
  private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
  private static final String SOON = NOW.plusSeconds(30).toString();

  static SuiteConfig with(Map<String, String> properties, Map<String, String> environment) {
    Properties p = new Properties();
    p.putAll(properties);
    return SuiteConfig.of(p, environment);
  }

  @Test
  void sharesOfEveryPopulationAddUpToTheWholeAndDifferByAtMostOne() {
    for (int injectors = 1; injectors <= 12; injectors++) {
      for (int whole = 0; whole <= 300; whole++) {
        int sum = 0;
        int least = Integer.MAX_VALUE;
        int most = 0;
        for (int index = 0; index < injectors; index++) {
          int share = new Split(injectors, index, null, null, null).share(whole);
          sum += share;
          least = Math.min(least, share);
          most = Math.max(most, share);
        }
        assertThat(sum).as(whole + " over " + injectors).isEqualTo(whole);
        assertThat(most - least).as(whole + " over " + injectors).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void threeUsersOverTwoInjectorsAreTwoAndOneTheRemainderGoingToTheFirstIndex() {
    assertThat(new Split(2, 0, null, null, null).share(3)).isEqualTo(2);
    assertThat(new Split(2, 1, null, null, null).share(3)).isEqualTo(1);
  }

  @Test
  void sharesOfAnArrivalRateAddUpToTheWholeRate() {
    for (int injectors = 1; injectors <= 12; injectors++) {
      for (double rate : new double[] {0.5, 1, 5, 30, 33.3, 1000}) {
        double sum = 0;
        for (int index = 0; index < injectors; index++) {
          sum += new Split(injectors, index, null, null, null).share(rate);
        }
        assertThat(sum).as(rate + " over " + injectors).isCloseTo(rate, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void refusesAnIndexOutsideTheInjectorsNamingTheRange() {
    assertThatThrownBy(() -> Split.of("2", "2", SOON, "", "", NOW)).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("injector.index = 2").hasMessageContaining("0 to 1");
    assertThatThrownBy(() -> Split.of("2", "-1", SOON, "", "", NOW)).hasMessageContaining("injector.index = '-1'");
    assertThatThrownBy(() -> Split.of("0", "0", SOON, "", "", NOW)).hasMessageContaining("injectors = '0'")
        .hasMessageContaining("1 or more");
    assertThatThrownBy(() -> Split.of("two", "0", SOON, "", "", NOW)).hasMessageContaining("injectors = 'two'");
  }

  @Test
  void aSplitRunNeedsACommonStartNotLongPast() {
    assertThatThrownBy(() -> Split.of("2", "0", "", "", "", NOW)).hasMessageContaining("needs a common start")
        .hasMessageContaining("-Dstart.rendezvous=").hasMessageContaining("-Dstart.at=");
    assertThatThrownBy(() -> Split.of("2", "0", "tomorrow", "", "", NOW)).hasMessageContaining("not an ISO-8601");
    assertThatThrownBy(() -> Split.of("2", "0", NOW.minusSeconds(11).toString(), "", "", NOW))
        .hasMessageContaining("11 s past").hasMessageContaining("at most 10 s past");
    assertThat(Split.of("2", "1", NOW.minusSeconds(9).toString(), "", "", NOW).startAt()).contains(NOW.minusSeconds(9));
  }

  @Test
  void aRendezvousReplacesAFixedStartAndNeedsTheRunId() {
    Split split = Split.of("2", "1", "", "target/meet", "nightly-42", NOW);
    assertThat(split.rendezvous()).contains(Path.of("target/meet"));
    assertThat(split.startAt()).isEmpty();
    assertThatThrownBy(() -> Split.of("2", "1", "", "target/meet", "", NOW)).hasMessageContaining("-Drun.id");
    assertThatThrownBy(() -> Split.of("1", "0", "", "target/meet", "x", NOW)).hasMessageContaining("-Dinjectors=N");
    assertThatThrownBy(() -> Split.of("2", "0", SOON, "target/meet", "x", NOW)).hasMessageContaining("give one");
  }

  @Test
  void everyPartRecordsTheSameRunIdDerivedFromTheStartUnlessOneIsGiven() {
    assertThat(Split.of("2", "0", SOON, "", "", NOW).runIdOf("Load")).contains("Load-20260131T120030Z");
    assertThat(Split.of("2", "1", SOON, "", "", NOW).runIdOf("Load")).contains("Load-20260131T120030Z");
    assertThat(Split.of("2", "1", SOON, "", "nightly-42", NOW).runIdOf("Load")).contains("nightly-42");
    assertThat(Split.of("", "", "", "", "", NOW).runIdOf("Load")).isEmpty();
    assertThatThrownBy(() -> Split.of("2", "0", SOON, "", "a b", NOW)).hasMessageContaining("run.id = 'a b'");
  }

  @Test
  void theIndexComesFromTheFlagThenLoadbearingsVariableThenKubernetesIndexedJob() {
    String soon = Instant.now().plusSeconds(60).toString();
    Map<String, String> flags = new HashMap<>(Map.of("injectors", "3", "start.at", soon));
    assertThat(with(flags, Map.of("JOB_COMPLETION_INDEX", "2")).knobs().split().index()).isEqualTo(2);
    assertThat(with(flags, Map.of("JOB_COMPLETION_INDEX", "2", "LOADBEARING_INJECTOR_INDEX", "1")).knobs().split()
        .index()).isEqualTo(1);
    flags.put("injector.index", "0");
    assertThat(with(flags, Map.of("JOB_COMPLETION_INDEX", "2", "LOADBEARING_INJECTOR_INDEX", "1")).knobs().split()
        .index()).isEqualTo(0);
    assertThatThrownBy(() -> with(Map.of("injectors", "3", "start.at", soon), Map.of("JOB_COMPLETION_INDEX", "3")))
        .hasMessageContaining("injector.index = 3 is out of range for injectors = 3");
  }

  @Test
  void profilesWhoseVerdictNeedsEveryRequestRefuseASplitSayingWhy() {
    SuiteConfig split = with(Map.of("injectors", "2", "injector.index", "0",
        "start.at", Instant.now().plusSeconds(60).toString()), Map.of());
    assertThatThrownBy(split::flashSale).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("flash-sale cannot be split").hasMessageContaining("stock audit");
    assertThatThrownBy(split::rateLimit).hasMessageContaining("rate-limit cannot be split")
        .hasMessageContaining("exact counts");
    assertThatThrownBy(split::database).hasMessageContaining("consistency read-back");
    assertThatThrownBy(split::breakingPoint).hasMessageContaining("stops itself");
    SuiteConfig whole = with(Map.of(), Map.of());
    assertThat(whole.flashSale().stock()).isPositive();
    assertThat(whole.rateLimit()).isNotNull();
  }
}
