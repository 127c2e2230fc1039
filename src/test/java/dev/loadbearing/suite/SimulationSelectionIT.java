package dev.loadbearing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.stats.StatsExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation picked by name as a user picks it: Maven run on this project in a subprocess, and IdeLauncher
 * started the way an IDE starts it (plain {@code java}, none of Gatling's JVM options).
 */
class SimulationSelectionIT {
  private static final Path RESULTS = Path.of("target/gatling");
  // These runs check which simulation runs, not how fast: on a busy machine Smoke's 500 ms p95 can break.
  private static final String LOOSE_P95 = "-Dloadbearing.profiles.smoke.sla.p95=10s";

  @TempDir
  Path dir;

  @Test
  void anUnknownNameStopsMavenBeforeAnyLoadWithTheSimulationsThereAre() throws Exception {
    Run maven = run(maven("gatling:test", "-Dsimulation=Nope"));

    assertThat(maven.exitCode).as(maven.output).isNotZero();
    assertThat(maven.output).contains("Unknown simulation 'Nope'. Use -Dsimulation= with one of:")
        .contains("-Dsimulation=Smoke ").contains("-Dsimulation=YourService ")
        .doesNotContain("Running simulation").doesNotContain("Loadbearing target");
  }

  @Test
  void mavenRunsSmokeByItsShortName() throws Exception {
    Set<Path> before = smokeRuns();
    Run maven = run(maven("gatling:test", "-Dsimulation=Smoke", "-DtimeScale=0.05", LOOSE_P95));

    assertThat(maven.exitCode).as(maven.output).isZero();
    assertThat(maven.output).contains("Running simulation dev.loadbearing.suite.simulations.SmokeSimulation.")
        .contains("Loadbearing LLM spend: $");
    assertThat(newRunWithStats(before)).as("a new Smoke run folder with stats.json").isTrue();
    // The tour chats once per user: stats.json's llm section has what the responses said it cost.
    JsonNode llm = StatsExporter.mapper().readTree(newStats(before).orElseThrow().toFile()).path("llm");
    assertThat(llm.path("journeys").path("smoke").path("answered").asLong()).as("llm: %s", llm).isPositive();
    assertThat(llm.path("total").path("completionTokens").asLong()).as("llm: %s", llm).isPositive();
    assertThat(llm.path("total").path("costUsd").asDouble()).as("llm: %s", llm).isPositive();
    assertThat(llm.path("costPerVirtualUserHour").asDouble()).as("llm: %s", llm).isPositive();
  }

  @Test
  void ideLauncherRunsSmokeInAJvmWithGatlingsOptions() throws Exception {
    Set<Path> before = smokeRuns();
    Run ide = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-DtimeScale=0.05",
        LOOSE_P95, "-cp", System.getProperty("java.class.path"), IdeLauncher.class.getName(), "Smoke"));

    assertThat(ide.exitCode).as(ide.output).isZero();
    assertThat(ide.output).contains("in a JVM with Gatling's options")
        .contains("Loadbearing target: reference service ready");
    assertThat(newRunWithStats(before)).as("a new Smoke run folder with stats.json").isTrue();
  }

  private static List<String> maven(String... args) {
    String home = System.getProperty("maven.home");
    String mvn = home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? home + "/bin/mvn" : "mvn";
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-Dstyle.color=never"));
    command.addAll(List.of(args));
    return command;
  }

  private Run run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "run", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("still running after 4 minutes: " + command + "\n" + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log));
  }

  private static Set<Path> smokeRuns() throws IOException {
    if (!Files.isDirectory(RESULTS)) {
      return Set.of();
    }
    try (Stream<Path> runs = Files.list(RESULTS)) {
      return runs.filter(run -> run.getFileName().toString().startsWith("smokesimulation-"))
          .collect(Collectors.toSet());
    }
  }

  private static boolean newRunWithStats(Set<Path> before) throws IOException {
    return newStats(before).isPresent();
  }

  private static Optional<Path> newStats(Set<Path> before) throws IOException {
    return smokeRuns().stream().filter(run -> !before.contains(run)).map(run -> run.resolve("stats.json"))
        .filter(Files::isRegularFile).findFirst();
  }

  private record Run(int exitCode, String output) {
  }
}
