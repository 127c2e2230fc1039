package dev.loadbearing.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ConfigException;
import dev.loadbearing.service.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AbuseLimitsTest {

  @Test
  void usesTheDocumentedDefaultsWhenNothingIsSet() {
    assertThat(AbuseLimits.from(new Settings(new Properties(), Map.of()))).isEqualTo(new AbuseLimits(
        new AbuseLimits.Budget(100, 300), new AbuseLimits.Budget(20, 60), 100_000, 0.25));
  }

  @Test
  void readsEachBudgetFromPropertiesBeforeTheEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("abuse.signup-burst", "1000");
    AbuseLimits limits = AbuseLimits.from(new Settings(properties, Map.of("LOADBEARING_ABUSE_SIGNUP_BURST", "7",
        "LOADBEARING_ABUSE_UNKNOWN_KEYS_PER_MINUTE", "120", "LOADBEARING_ASSISTANT_TENANT_SHARE", "0.5")));
    assertThat(limits.signups().burst()).isEqualTo(1_000);
    assertThat(limits.unknownKeys().perSecond()).isEqualTo(2.0);
    assertThat(limits.assistantTenantShare()).isEqualTo(0.5);
  }

  @Test
  void refusesAShareAboveTheWholeQuotaNamingTheKey() {
    Properties properties = new Properties();
    properties.setProperty("assistant.tenant-share", "25");
    assertThatThrownBy(() -> AbuseLimits.from(new Settings(properties, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("assistant.tenant-share");
  }
}
