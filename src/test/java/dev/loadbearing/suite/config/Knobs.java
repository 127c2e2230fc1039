package dev.loadbearing.suite.config;

import java.time.Duration;

/**
 * The run-wide knobs: stage preset, time scale, load scale. Each changes one thing: the time scale the
 * length of injection phases, the stage and load scale the number of users and arrival rates.
 *
 * @param stage            dev, staging or prod
 * @param timeScale        multiplies the length of injection phases (ramps, holds, steps, max-duration) and
 *                         nothing else; below 1 the profiles' {@code short-form} lengths apply
 * @param loadScale        multiplies every population, on top of the stage
 * @param populationFactor stage peak / reference peak × loadScale: what users and rates are multiplied by
 * @param maxDurationFloor the least a scaled max-duration may be
 * @param split            this injector's part of a run split over several: users and rates are its share
 */
public record Knobs(String stage, double timeScale, double loadScale, double populationFactor,
                    Duration maxDurationFloor, Split split) {

  /** True when the time scale shortens the run: each profile's {@code short-form} lengths apply. */
  public boolean shortForm() {
    return timeScale < 1;
  }

  /** The form of the run, for the manifest: short (time-scale below 1) or full. */
  public String form() {
    return shortForm() ? "short" : "full";
  }

  /**
   * The length of an injection phase (ramp, hold, step) multiplied by the time scale; never below one
   * millisecond unless zero. Think times, warm-ups, timeouts and waits are not phases: never pass them here.
   */
  public Duration phase(Duration configured) {
    if (configured.isZero()) {
      return configured;
    }
    return Duration.ofMillis(Math.max(1, Math.round(configured.toMillis() * timeScale)));
  }

  /**
   * A user count from config, multiplied by the population factor (never below 1 unless zero), then this
   * injector's share of it: the one place a split enters populations, so every profile's shares add up.
   */
  public int users(int configured) {
    return split.share(configured == 0 ? 0 : (int) Math.max(1, Math.round(configured * populationFactor)));
  }

  /** An arrival rate from config, multiplied by the population factor, then this injector's share of it. */
  public double rate(double configured) {
    return split.share(configured * populationFactor);
  }

  /** A profile's max-duration: scaled like a phase, but never below the floor. */
  public Duration maxDuration(Duration configured) {
    Duration scaled = phase(configured);
    return scaled.compareTo(maxDurationFloor) < 0 ? maxDurationFloor : scaled;
  }
}
