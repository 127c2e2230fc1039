package dev.loadbearing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's refusals, which come before any JVM, service or load is started. IdeLauncherIT runs one. */
class IdeLauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void outsideTheProjectFolderItSaysWhereToRun(@TempDir Path elsewhere) throws Exception {
    assertThat(run(elsewhere, "Smoke")).isEqualTo(2);
    assertThat(err()).contains("must run in the project folder, the one with pom.xml")
        .contains(elsewhere.toAbsolutePath().toString());
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnknownNameStopsWithTheSimulationsThereAre() throws Exception {
    assertThat(run(Path.of(""), "Nope")).isEqualTo(2);
    assertThat(err()).startsWith("Unknown simulation 'Nope'.").contains("-Dsimulation=Smoke ")
        .contains("-Dsimulation=YourService ");
    assertThat(out()).isEmpty();
  }

  private int run(Path workingDirectory, String... args) throws Exception {
    return IdeLauncher.run(workingDirectory, args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
