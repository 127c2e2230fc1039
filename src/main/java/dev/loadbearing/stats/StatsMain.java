package dev.loadbearing.stats;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * (Re)writes stats.json for one run folder: {@code mvn -q exec:java@stats -Drun=target/gatling/<folder>}.
 * Exit 0 written, 2 usage or input error (a corrupt simulation.log or run manifest: one line naming the file and
 * the byte offset or field).
 */
public final class StatsMain {
  private StatsMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String folder = args.length > 0 ? args[0] : System.getProperty("run");
    if (folder == null || folder.isBlank()) {
      err.println("Usage: mvn -q exec:java@stats -Drun=target/gatling/<simulation>-<timestamp>");
      return 2;
    }
    Path run = Path.of(folder);
    if (!Files.isDirectory(run)) {
      err.println("Loadbearing stats: " + run + " is not a folder (expected a Gatling run folder with simulation.log)");
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      Path written = StatsExporter.export(run);
      out.printf("Loadbearing stats: %s (%d ms)%n", written, (System.nanoTime() - t0) / 1_000_000);
      return 0;
    } catch (SimulationLogException | RunManifestException | UncheckedIOException e) {
      // These name the file, and the byte offset or field.
      err.println("Loadbearing stats: " + oneLine(e.getMessage()));
      return 2;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      err.println("Loadbearing stats: internal error exporting " + run + ", stats.json not written: "
          + oneLine(String.valueOf(e)) + " (please report it with the stack trace below)");
      e.printStackTrace(err);
      return 2;
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
