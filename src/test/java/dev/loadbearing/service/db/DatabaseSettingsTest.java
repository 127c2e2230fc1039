package dev.loadbearing.service.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ConfigException;
import dev.loadbearing.service.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class DatabaseSettingsTest {

  private static DatabaseSettings from(Map<String, String> properties, Map<String, String> environment) {
    Properties props = new Properties();
    props.putAll(properties);
    return DatabaseSettings.from(new Settings(props, environment));
  }

  @Test
  void usesTheEmbeddedDatabaseByDefault() {
    assertThat(from(Map.of(), Map.of()).kind()).isEqualTo(DatabaseSettings.Kind.EMBEDDED);
  }

  @Test
  void dbUrlWinsOverTheDbChoice() {
    DatabaseSettings settings = from(Map.of("db.url", "jdbc:postgresql://db:5432/app", "db", "testcontainers"),
        Map.of());
    assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.EXTERNAL);
    assertThat(settings.url()).contains("jdbc:postgresql://db:5432/app");
  }

  @Test
  void readsTheUrlFromTheEnvironment() {
    DatabaseSettings settings = from(Map.of(), Map.of("LOADBEARING_DB_URL", "jdbc:postgresql://env:5432/app",
        "LOADBEARING_DB_USER", "shop"));
    assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.EXTERNAL);
    assertThat(settings.url()).contains("jdbc:postgresql://env:5432/app");
    assertThat(settings.user()).isEqualTo("shop");
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    DatabaseSettings settings = from(Map.of("db.url", "jdbc:postgresql://prop:5432/app"),
        Map.of("LOADBEARING_DB_URL", "jdbc:postgresql://env:5432/app"));
    assertThat(settings.url()).contains("jdbc:postgresql://prop:5432/app");
  }

  @Test
  void refusesAUrlThatIsNotPostgresql() {
    assertThatThrownBy(() -> from(Map.of("db.url", "jdbc:mysql://x/y"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("db.url");
  }

  @Test
  void refusesAnUnknownDbValueNamingTheKey() {
    assertThatThrownBy(() -> from(Map.of("db", "sqlite"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("-Ddb ")
        .hasMessageContaining("'sqlite'")
        .hasMessageContaining("embedded");
  }

  @Test
  void testcontainersWithoutDockerFailsAtOnceWithTheNoDockerMessage() {
    Assumptions.assumeFalse(DockerClientFactory.instance().isDockerAvailable(),
        "A Docker engine answers here, so the no-Docker failure cannot be observed");
    DatabaseSettings settings = from(Map.of("db", "testcontainers"), Map.of());
    long started = System.nanoTime();
    assertThatThrownBy(() -> Database.open(settings, new Database.Pool(2, new SimpleMeterRegistry())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(ContainerDatabase.noDockerMessage());
    assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to fail").isLessThan(10_000);
  }

  @Test
  void testcontainersStartsPostgresqlWhenDockerIsAvailable() {
    Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        "Skipped: no Docker engine on this machine, so -Ddb=testcontainers cannot start a container");
    DatabaseSettings settings = from(Map.of("db", "testcontainers"), Map.of());
    try (Database database = Database.open(settings, new Database.Pool(2, new SimpleMeterRegistry()))) {
      assertThat(database.isUp()).isTrue();
    }
  }
}
