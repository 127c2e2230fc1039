package dev.loadbearing.suite.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.suite.config.SuiteConfig;
import io.gatling.app.Gatling$;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real, short Gatling run against the reference service with an impossible SLA set from the command line:
 * the run must fail, and say why in Gatling's own assertion message.
 */
class SlaBreachIT {
  private static final String[] OVERRIDES = {"loadbearing.profiles.smoke.sla.p95", "timeScale"};

  @AfterEach
  void forgetOverrides() {
    for (String key : OVERRIDES) {
      System.clearProperty(key);
    }
    SuiteConfig.reload();
  }

  @Test
  void anImpossibleP95FailsTheRunWithGatlingsAssertionMessage() {
    System.setProperty("loadbearing.profiles.smoke.sla.p95", "1ms");
    System.setProperty("timeScale", "0.05");
    SuiteConfig.reload();

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exitCode;
    try (PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
      System.setOut(tee);
      exitCode = Gatling$.MODULE$.fromArgs(new String[] {
          "-s", SmokeSimulation.class.getName(), "-rf", "target/gatling-test"});
    } finally {
      System.setOut(original);
    }

    assertThat(exitCode).as("Gatling's exit code").isNotZero();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("Global: 95th percentile of response time is less than 1.0 : false");
    assertThat(launchedServices()).as("reference services still running after the failed run").isEmpty();
  }

  /** The self-launched service is a child of this JVM while it runs; a failed run must not leave it behind. */
  private static java.util.List<String> launchedServices() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(command -> command.contains("dev.loadbearing.service.ServiceMain"))
        .toList();
  }

  /** Writes to the console and to a buffer, so the run stays visible while it is checked. */
  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream console;
    private final ByteArrayOutputStream buffer;

    TeeStream(PrintStream console, ByteArrayOutputStream buffer) {
      this.console = console;
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      console.write(b);
      buffer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      console.write(bytes, offset, length);
      buffer.write(bytes, offset, length);
    }
  }
}
