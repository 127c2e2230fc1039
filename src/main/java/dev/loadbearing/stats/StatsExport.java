package dev.loadbearing.stats;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes {@code stats.json} into a run's Gatling results folder once Gatling has finished with it.
 */
public final class StatsExport {
  /** Clock slack between the simulation being built and Gatling stamping the run start. */
  private static final long START_SLACK_MS = 5_000;

  private StatsExport() {
  }

  /**
   * Called by a simulation while it is being built: when the Gatling JVM exits (after Gatling has
   * written simulation.log and its HTML report), finds this run's folder under {@code target/gatling} (Gatling
   * names it) and writes {@code stats.json} there, merging the run manifest the simulation wrote.
   *
   * @param simulationClass the simulation's fully qualified class name
   * @param startedAt       epoch milliseconds taken when the simulation was built
   * @param manifest        where the simulation writes its run manifest
   */
  public static void atExit(String simulationClass, long startedAt, Path manifest) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> exportNow(RunFolders.GATLING_RESULTS, manifest,
        simulationClass, startedAt, System.out, System.err), "loadbearing-stats"));
  }

  /**
   * The hook's body: never throws, always prints exactly one line saying what happened; returns the
   * stats.json written, if one was.
   */
  public static Optional<Path> exportNow(Path results, Path manifest, String simulationClass, long startedAt,
                                         PrintStream out, PrintStream err) {
    try {
      Optional<Path> run = RunFolders.runStartedAfter(results, simulationClass, startedAt, START_SLACK_MS);
      if (run.isEmpty()) {
        err.println("Loadbearing stats: no run folder of " + simulationClass + " under "
            + results.toAbsolutePath() + " started after " + startedAt + "; stats.json not written");
        return Optional.empty();
      }
      Path written = StatsExporter.exportWith(run.get(), manifest);
      out.println("Loadbearing stats: " + written);
      return Optional.of(written);
    } catch (RuntimeException | Error e) {
      err.println("Loadbearing stats: stats.json not written: " + e.getMessage());
      return Optional.empty();
    }
  }
}
