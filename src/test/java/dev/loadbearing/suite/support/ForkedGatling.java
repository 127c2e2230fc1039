package dev.loadbearing.suite.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one simulation in its own JVM, as {@code mvn gatling:test} does, for integration tests. In-process runs
 * share Gatling's console stream and static state with whatever ran before them in the test JVM; a fork does
 * not, and its stats.json is written by the same shutdown hook a real run uses.
 *
 * @param exitCode Gatling's exit code
 * @param output everything the JVM printed (stdout and stderr)
 */
public record ForkedGatling(int exitCode, String output) {

  /** Runs {@code simulation} with these system properties, results under target/gatling; bounded by timeout. */
  public static ForkedGatling run(Class<?> simulation, Map<String, String> properties, Duration timeout)
      throws IOException, InterruptedException {
    return run(List.of(), simulation, properties, timeout);
  }

  /** The same, with the JVM started through {@code launcher} (e.g. {@code taskset -c 0} to pin it to one core). */
  public static ForkedGatling run(List<String> launcher, Class<?> simulation, Map<String, String> properties,
                                  Duration timeout) throws IOException, InterruptedException {
    return run(launcher, Path.of(""), simulation, properties, timeout);
  }

  /**
   * The same, in its own working directory (results under {@code directory/target/gatling}): two injectors of one
   * split run on one machine must not look for their run folders in the same place (docs/DISTRIBUTED.md).
   */
  public static ForkedGatling run(Path directory, Class<?> simulation, Map<String, String> properties,
                                  Duration timeout) throws IOException, InterruptedException {
    return run(List.of(), directory, simulation, properties, timeout);
  }

  private static ForkedGatling run(List<String> launcher, Path directory, Class<?> simulation,
                                   Map<String, String> properties, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", absolute(System.getProperty("java.class.path")), "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    if (properties.keySet().stream().noneMatch(key -> key.startsWith("history"))) {
      // A test's run is not one of the project's runs: it stays out of the trend and the history verdict.
      command.add("-Dhistory=false");
    }
    command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation.getName(), "-rf", "target/gatling"));
    Path log = Files.createDirectories(Path.of("target", "loadbearing"))
        .resolve("forked-" + simulation.getSimpleName() + "-" + System.currentTimeMillis() + "-" + System.nanoTime()
            + ".log");
    Files.createDirectories(directory);
    Process gatling = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!gatling.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      gatling.descendants().forEach(ProcessHandle::destroyForcibly);
      gatling.destroyForcibly().waitFor();
      throw new IllegalStateException(simulation.getSimpleName() + " did not finish within " + timeout
          + "; its output: " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    return new ForkedGatling(gatling.exitValue(), output);
  }

  /** The class path with every entry absolute, so that a JVM in another working directory finds it too. */
  private static String absolute(String classPath) {
    return String.join(File.pathSeparator, java.util.Arrays.stream(classPath.split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString()).toList());
  }

  /** The stats.json the run's shutdown hook wrote, from its "Loadbearing stats: ..." line. */
  public Path statsJson() {
    Matcher written = Pattern.compile("Loadbearing stats: (\\S+stats\\.json)").matcher(output);
    if (!written.find()) {
      throw new IllegalStateException("the run wrote no stats.json; see its output above");
    }
    return Path.of(written.group(1));
  }
}
