package dev.loadbearing.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding run folders under target/gatling and run manifests under target/loadbearing/runs. */
public final class RunFolders {
  /** Where Gatling's maven plugin puts results. */
  public static final Path GATLING_RESULTS = Path.of("target", "gatling");

  private RunFolders() {
  }

  /**
   * Gatling names a run folder {@code <simple class name in lower case>-<yyyyMMddHHmmssSSS>}; sorting by
   * name sorts by time.
   *
   * @param simulation {@code Smoke}, {@code SmokeSimulation} or the fully qualified class name
   */
  public static List<Path> runsOf(Path results, String simulation) {
    String simple = simulation.substring(simulation.lastIndexOf('.') + 1);
    if (!simple.endsWith("Simulation")) {
      simple = simple + "Simulation";
    }
    String prefix = simple.toLowerCase(Locale.ROOT) + "-";
    if (!Files.isDirectory(results)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(results)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith(prefix)
              && p.getFileName().toString().substring(prefix.length()).matches("\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve("simulation.log")))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + results, e);
    }
  }

  public static Optional<Path> newestRun(Path results, String simulation) {
    return runsOf(results, simulation).stream().findFirst();
  }

  /** The newest run of the class whose log says it started no earlier than {@code startedAt - slackMs}. */
  public static Optional<Path> runStartedAfter(Path results, String simulationClass, long startedAt, long slackMs) {
    for (Path run : runsOf(results, simulationClass)) {
      try {
        if (SimulationLogReader.readHeader(run.resolve("simulation.log")).start() >= startedAt - slackMs) {
          return Optional.of(run);
        }
      } catch (SimulationLogException e) {
        // An unreadable older folder is not this run; keep looking.
      }
    }
    return Optional.empty();
  }

  /**
   * The manifest of the run of {@code simulationClass} that started at {@code runStart}: of that class's
   * manifests ({@code <Simple>-<startedAt>.json}), the latest one stamped at most
   * {@link StatsExporter#MANIFEST_SLACK_MS} before the run start and at most 5 s after it. Null when there
   * is none.
   */
  public static RunManifest findManifest(Path directory, String simulationClass, long runStart) {
    String simple = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    if (!Files.isDirectory(directory)) {
      return null;
    }
    try (Stream<Path> files = Files.list(directory)) {
      Optional<Path> best = files
          .filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(simple) + "-\\d+\\.json"))
          .filter(p -> {
            long at = startedAt(p);
            return at <= runStart + 5_000 && at >= runStart - StatsExporter.MANIFEST_SLACK_MS;
          })
          .max(Comparator.comparingLong(RunFolders::startedAt));
      return best.map(RunManifest::read).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
  }

  private static long startedAt(Path manifest) {
    String name = manifest.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".json".length()));
  }
}
