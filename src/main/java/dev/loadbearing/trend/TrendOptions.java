package dev.loadbearing.trend;

import dev.loadbearing.history.HistoryOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code mvn exec:java@trend}'s options: {@code -Dsimulation=<P>} (a profile name; {@code SmokeSimulation} or a
 * full class name also work), {@code -Dtrend.runs} (default {@value #DEFAULT_RUNS}), {@code -Dtrend.dir} (default
 * {@value #DEFAULT_DIR}) and the history's own properties.
 */
record TrendOptions(String simulation, int runs, Path dir, HistoryOptions history) {
  static final int DEFAULT_RUNS = 20;
  static final int MAX_RUNS = 1000;
  static final String DEFAULT_DIR = "target/loadbearing/trend";
  /** A profile's name: it becomes a file name, so nothing that could leave the trend folder. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Throws {@link UsageException} naming the property and what it accepts. */
  static TrendOptions from(Map<String, String> properties) {
    String given = properties.getOrDefault("simulation", "").strip();
    if (given.isEmpty()) {
      throw new UsageException("no -Dsimulation given. " + TrendCli.USAGE);
    }
    String simulation = given.substring(given.lastIndexOf('.') + 1).replaceFirst("Simulation$", "");
    if (!NAME.matcher(simulation).matches()) {
      throw new UsageException("-Dsimulation=" + given + ": not a simulation name (letters, digits, _). "
          + TrendCli.USAGE);
    }
    String runs = properties.getOrDefault("trend.runs", String.valueOf(DEFAULT_RUNS)).strip();
    int n;
    try {
      n = Integer.parseInt(runs);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > MAX_RUNS) {
      throw new UsageException("-Dtrend.runs=" + runs + ": expected a whole number from 1 to " + MAX_RUNS);
    }
    String dir = properties.getOrDefault("trend.dir", DEFAULT_DIR).strip();
    return new TrendOptions(simulation, n, Path.of(dir.isEmpty() ? DEFAULT_DIR : dir),
        HistoryOptions.from(properties));
  }

  Path page() {
    return dir.resolve(simulation + ".html");
  }

  /** Bad input: one line, exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
