package dev.loadbearing.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ConfigException;
import dev.loadbearing.service.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

  @Test
  void usesTheDocumentedDefaultsWhenNothingIsSet() {
    assertThat(HttpLimits.from(new Settings(new Properties(), Map.of())))
        .isEqualTo(new HttpLimits(30_000, 30_000, 10_000, 30_000, 30_000, 4_096, 4));
  }

  @Test
  void readsPropertiesBeforeTheEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("http.read-timeout-ms", "5000");
    HttpLimits limits = HttpLimits.from(new Settings(properties, Map.of("LOADBEARING_HTTP_READ_TIMEOUT_MS", "7000",
        "LOADBEARING_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0")));
    assertThat(limits.readTimeoutMs()).isEqualTo(5_000);
    assertThat(limits.maxConnectionsPerAddress()).isZero();
  }

  @Test
  void refusesATimeoutThatIsNotAPositiveNumberNamingTheKey() {
    Properties properties = new Properties();
    properties.setProperty("http.request-parse-timeout-ms", "0");
    assertThatThrownBy(() -> HttpLimits.from(new Settings(properties, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.request-parse-timeout-ms");
  }
}
