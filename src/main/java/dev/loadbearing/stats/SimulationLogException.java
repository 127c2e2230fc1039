package dev.loadbearing.stats;

import java.nio.file.Path;

/** A simulation.log that cannot be read: truncated, from another Gatling version, or not a simulation.log. */
public final class SimulationLogException extends RuntimeException {
  public SimulationLogException(Path file, long offset, String problem) {
    super(file + " at byte " + offset + ": " + problem);
  }
}
