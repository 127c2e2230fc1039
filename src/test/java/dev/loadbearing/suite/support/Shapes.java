package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.loadbearing.suite.config.Profiles;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Each profile's traffic shape, built from its resolved record. Zero-length phases are left out. */
public final class Shapes {
  private Shapes() {
  }

  /** Warm-up rate, then the target rate held, then a ramp down to nothing: arrivals per second. */
  public static List<OpenInjectionStep> load(Profiles.Load p) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (positive(p.warmUp()) && p.warmUpRate() > 0) {
      steps.add(constantUsersPerSec(p.warmUpRate()).during(p.warmUp()));
    }
    steps.add(constantUsersPerSec(p.rate()).during(p.hold()));
    rampRate(steps, p.rate(), 0, p.rampDown());
    return steps;
  }

  /** Concurrent users in steps (ramp, then hold, per step), then down to none. */
  public static List<ClosedInjectionStep> stress(Profiles.Stress p) {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    int previous = 0;
    for (int users : p.steps()) {
      rampConcurrent(steps, previous, users, p.stepRamp());
      steps.add(constantConcurrentUsers(users).during(p.stepHold()));
      previous = users;
    }
    rampConcurrent(steps, previous, 0, p.rampDown());
    return steps;
  }

  /** Base users, a jump to the peak, the hold, back to base, and the recovery. */
  public static List<ClosedInjectionStep> spike(Profiles.Spike p) {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    steps.add(constantConcurrentUsers(p.baseUsers()).during(p.before()));
    rampConcurrent(steps, p.baseUsers(), p.peakUsers(), p.spikeRamp());
    steps.add(constantConcurrentUsers(p.peakUsers()).during(p.hold()));
    rampConcurrent(steps, p.peakUsers(), p.baseUsers(), p.rampBack());
    steps.add(constantConcurrentUsers(p.baseUsers()).during(p.recovery()));
    return steps;
  }

  /** A ramp to the population, held for the soak's duration. */
  public static List<ClosedInjectionStep> soak(Profiles.Soak p) {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    rampConcurrent(steps, 0, p.users(), p.ramp());
    steps.add(constantConcurrentUsers(p.users()).during(p.duration()));
    return steps;
  }

  /** Arrival rate rising by a step per level, each level held, until the run stops itself. */
  public static List<OpenInjectionStep> breakingPoint(Profiles.BreakingPoint p) {
    // Spelled out rather than incrementUsersPerSec(...): Gatling's stairs divide by the ramp in whole
    // seconds, which a time-scaled ramp under one second turns into a division by zero.
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (positive(p.warmUp())) {
      steps.add(constantUsersPerSec(p.startRate()).during(p.warmUp()));
    }
    for (int level = 0; level < p.levels(); level++) {
      steps.add(constantUsersPerSec(p.rateOf(level)).during(p.level()));
      if (level + 1 < p.levels()) {
        rampRate(steps, p.rateOf(level), p.rateOf(level + 1), p.levelRamp());
      }
    }
    return steps;
  }

  /** One tier's population: the largest ramps in, the others are there from the start. */
  public static List<ClosedInjectionStep> tier(Profiles.MultiTenant p, Profiles.Tier tier, boolean ramping) {
    if (ramping) {
      List<ClosedInjectionStep> steps = new ArrayList<>();
      rampConcurrent(steps, 0, tier.users(), p.ramp());
      steps.add(constantConcurrentUsers(tier.users()).during(p.hold()));
      return steps;
    }
    return List.of(constantConcurrentUsers(tier.users()).during(p.ramp().plus(p.hold())));
  }

  /** Users arriving evenly over a window (FlashSale's crowd). */
  public static OpenInjectionStep crowd(int users, Duration over) {
    return positive(over) ? rampUsers(users).during(over) : io.gatling.javaapi.core.CoreDsl.atOnceUsers(users);
  }

  /**
   * A rate ramp, in whole seconds: Gatling divides by the ramp's length in seconds, so a time-scaled ramp
   * under one second would crash the injector. Shorter ramps become a step.
   */
  private static void rampRate(List<OpenInjectionStep> steps, double from, double to, Duration during) {
    if (!rampLength(during).isZero()) {
      steps.add(rampUsersPerSec(from).to(to).during(rampLength(during)));
    }
  }

  private static void rampConcurrent(List<ClosedInjectionStep> steps, int from, int to, Duration during) {
    if (!rampLength(during).isZero()) {
      steps.add(rampConcurrentUsers(from).to(to).during(rampLength(during)));
    }
  }

  /** A ramp's length as injected: whole seconds, zero (a step) under half a second. */
  public static Duration rampLength(Duration during) {
    return Duration.ofSeconds(Math.round(during.toMillis() / 1000.0));
  }

  private static boolean positive(Duration duration) {
    return !duration.isZero() && !duration.isNegative();
  }
}
