package dev.loadbearing.simulations.support;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.loadbearing.config.Profiles;
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
    if (positive(p.rampDown())) {
      steps.add(rampUsersPerSec(p.rate()).to(0).during(p.rampDown()));
    }
    return steps;
  }

  /** Concurrent users in steps (ramp, then hold, per step), then down to none. */
  public static List<ClosedInjectionStep> stress(Profiles.Stress p) {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    int previous = 0;
    for (int users : p.steps()) {
      steps.add(rampConcurrentUsers(previous).to(users).during(p.stepRamp()));
      steps.add(constantConcurrentUsers(users).during(p.stepHold()));
      previous = users;
    }
    if (positive(p.rampDown())) {
      steps.add(rampConcurrentUsers(previous).to(0).during(p.rampDown()));
    }
    return steps;
  }

  /** Base users, a jump to the peak, the hold, back to base, and the recovery. */
  public static List<ClosedInjectionStep> spike(Profiles.Spike p) {
    return List.of(
        constantConcurrentUsers(p.baseUsers()).during(p.before()),
        rampConcurrentUsers(p.baseUsers()).to(p.peakUsers()).during(p.spikeRamp()),
        constantConcurrentUsers(p.peakUsers()).during(p.hold()),
        rampConcurrentUsers(p.peakUsers()).to(p.baseUsers()).during(p.rampBack()),
        constantConcurrentUsers(p.baseUsers()).during(p.recovery()));
  }

  /** A ramp to the population, held for the soak's duration. */
  public static List<ClosedInjectionStep> soak(Profiles.Soak p) {
    return List.of(rampConcurrentUsers(0).to(p.users()).during(p.ramp()),
        constantConcurrentUsers(p.users()).during(p.duration()));
  }

  /** Arrival rate rising by a step per level, each level held, until the run stops itself. */
  public static OpenInjectionStep.Stairs.Composite breakingPoint(Profiles.BreakingPoint p) {
    return incrementUsersPerSec(p.stepRate()).times(p.levels()).eachLevelLasting(p.level())
        .separatedByRampsLasting(p.levelRamp()).startingFrom(p.startRate());
  }

  /** One tier's population: the largest ramps in, the others are there from the start. */
  public static List<ClosedInjectionStep> tier(Profiles.MultiTenant p, Profiles.Tier tier, boolean ramping) {
    if (ramping) {
      return List.of(rampConcurrentUsers(0).to(tier.users()).during(p.ramp()),
          constantConcurrentUsers(tier.users()).during(p.hold()));
    }
    return List.of(constantConcurrentUsers(tier.users()).during(p.ramp().plus(p.hold())));
  }

  /** Users arriving evenly over a window (FlashSale's crowd). */
  public static OpenInjectionStep crowd(int users, Duration over) {
    return positive(over) ? rampUsers(users).during(over) : io.gatling.javaapi.core.CoreDsl.atOnceUsers(users);
  }

  private static boolean positive(Duration duration) {
    return !duration.isZero() && !duration.isNegative();
  }
}
