package dev.loadbearing.suite.config;

import java.time.Duration;

/**
 * The run-wide knobs: stage preset, time scale, load scale.
 *
 * @param stage            dev, staging or prod
 * @param timeScale        multiplies every duration
 * @param loadScale        multiplies every population, on top of the stage
 * @param populationFactor stage peak / reference peak × loadScale: what users and rates are multiplied by
 * @param maxDurationFloor the least a scaled max-duration may be
 */
public record Knobs(String stage, double timeScale, double loadScale, double populationFactor,
                    Duration maxDurationFloor) {

  /** A duration from config, multiplied by the time scale (never below one millisecond unless zero). */
  public Duration time(Duration configured) {
    if (configured.isZero()) {
      return configured;
    }
    return Duration.ofMillis(Math.max(1, Math.round(configured.toMillis() * timeScale)));
  }

  /** A user count from config, multiplied by the population factor; never below 1 unless zero. */
  public int users(int configured) {
    return configured == 0 ? 0 : (int) Math.max(1, Math.round(configured * populationFactor));
  }

  /** An arrival rate from config, multiplied by the population factor. */
  public double rate(double configured) {
    return configured * populationFactor;
  }

  /** A profile's max-duration: scaled, but never below the floor. */
  public Duration maxDuration(Duration configured) {
    Duration scaled = time(configured);
    return scaled.compareTo(maxDurationFloor) < 0 ? maxDurationFloor : scaled;
  }
}
