package dev.loadbearing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ServiceMain;
import dev.loadbearing.service.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the launcher reads from its arguments and from the service's output, without starting anything. */
class ServiceProcessTest {

  @Test
  void profilesOnlyWhenProfileIsTrueAndRefusesAnythingElse() {
    assertThat(ServiceProcess.profiled(List.of("-Dseed=small"))).isFalse();
    assertThat(ServiceProcess.profiled(List.of("-Dprofile=true"))).isTrue();
    assertThat(ServiceProcess.profiled(List.of("-Dprofile=TRUE", "-Dprofile=false"))).isFalse();
    assertThat(ServiceProcess.profiled(List.of("-Dprofiles=yes"))).isFalse();
    assertThatThrownBy(() -> ServiceProcess.profiled(List.of("-Dprofile=yes")))
        .hasMessageContaining("Invalid value 'yes' for profile").hasMessageContaining("true");
  }

  @Test
  void keepsTheRecordingBesideTheLogUnderTheSameName() {
    Path log = Path.of("target", "loadbearing", "service-20260101-120000.log");
    assertThat(ServiceProcess.recordingFile(log))
        .isEqualTo(log.toAbsolutePath().resolveSibling("service-20260101-120000.jfr"));
    assertThat(ServiceProcess.flightRecorderOption(Path.of("/tmp/run/service.jfr")))
        .startsWith("-XX:StartFlightRecording=")
        .contains("settings=profile", "dumponexit=true")
        .endsWith(",filename=/tmp/run/service.jfr");
    assertThatThrownBy(() -> ServiceProcess.flightRecorderOption(Path.of("/tmp/a,b/service.jfr")))
        .hasMessageContaining("','");
  }

  @Test
  void readsBackTheDatabaseLoginTheServicePrints() {
    Database.Login login = new Database.Login("jdbc:postgresql://db.example:5432/shop?ssl=true&x=a b", "app user",
        "p@ss word=%1");
    String line = ServiceMain.databaseLine(login);

    assertThat(line).startsWith(ServiceMain.DATABASE_PREFIX).doesNotContain("p@ss word");
    assertThat(ServiceMain.parseDatabaseLine(line)).isEqualTo(login);
    assertThatThrownBy(() -> ServiceMain.parseDatabaseLine(ServiceMain.DATABASE_PREFIX + "only-a-url"))
        .hasMessageContaining("3 fields");
  }

  @Test
  void neverShowsThePasswordWhenPrinted() {
    DatabaseAddress address = new DatabaseAddress("jdbc:postgresql://localhost:5432/postgres", "postgres",
        "s3cret", OptionalLong.of(42));
    assertThat(address.toString()).isEqualTo("jdbc:postgresql://localhost:5432/postgres as postgres (pid 42)")
        .doesNotContain("s3cret");
    assertThat(new Database.Login("jdbc:postgresql://h/db", "u", "s3cret").toString()).doesNotContain("s3cret");
  }
}
