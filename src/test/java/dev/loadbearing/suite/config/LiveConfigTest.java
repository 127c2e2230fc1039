package dev.loadbearing.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LiveConfigTest {

  private static LiveConfig live(Map<String, String> properties) {
    return live(properties, Map.of());
  }

  private static LiveConfig live(Map<String, String> properties, Map<String, String> environment) {
    Properties props = new Properties();
    props.putAll(properties);
    return SuiteConfig.of(props, environment).live();
  }

  @Test
  void isOffUnlessAPortIsGiven() {
    LiveConfig off = live(Map.of());
    assertThat(off.enabled()).isFalse();
    assertThat(off.host()).isEqualTo("127.0.0.1");
    assertThat(off.linger()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void readsThePortHostAndLingerFromTheirFlags() {
    LiveConfig on = live(Map.of("live.port", "0", "live.host", "0.0.0.0", "live.linger", "20s"));
    assertThat(on.port()).isEqualTo(OptionalInt.of(0));
    assertThat(on.host()).isEqualTo("0.0.0.0");
    assertThat(on.linger()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void theEnvironmentSetsThemForAPodAndAFlagStillWins() {
    Map<String, String> pod = Map.of("LOADBEARING_LIVE_PORT", "9464", "LOADBEARING_LIVE_HOST", "0.0.0.0",
        "LOADBEARING_LIVE_LINGER", "35s");
    assertThat(live(Map.of(), pod)).isEqualTo(new LiveConfig(OptionalInt.of(9464), "0.0.0.0", Duration.ofSeconds(35)));
    assertThat(live(Map.of("live.port", "9000"), pod).port()).isEqualTo(OptionalInt.of(9000));
  }

  @Test
  void aPortThatIsNotANumberOrOutOfRangeIsRefusedInOneSentence() {
    for (String bad : new String[] {"abc", "-1", "65536", "80.5"}) {
      assertThatThrownBy(() -> live(Map.of("live.port", bad))).isInstanceOf(InvalidConfigException.class)
          .hasMessage("Invalid Loadbearing configuration: -Dlive.port=" + bad
              + " is not a port: give 1-65535, or 0 for a free one");
    }
  }

  @Test
  void aLingerThatIsNegativeTooLongOrNotADurationIsRefused() {
    assertThatThrownBy(() -> live(Map.of("live.linger", "10m"))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("-Dlive.linger=10m must be between 0s and 5min");
    assertThatThrownBy(() -> live(Map.of("live.linger", "-1s"))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("-Dlive.linger=-1s must be between");
    assertThatThrownBy(() -> live(Map.of("live.linger", "soon"))).isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith("-Dlive.linger=soon is not a duration: give e.g. 6s or 1m");
  }

  @Test
  void anEmptyHostIsRefused() {
    assertThatThrownBy(() -> live(Map.of("live.port", "9464", "live.host", " ")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("-Dlive.host is empty");
  }
}
