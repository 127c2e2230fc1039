package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
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
import java.util.function.Function;

/**
 * Each profile's traffic shape, built from its resolved record: the injection steps and their named phases.
 * Zero-length phases are left out; ramps are injected in whole seconds.
 */
public final class Shapes {
  /** BreakingPoint's judged phases are named {@code level 1}, {@code level 2}, ... */
  public static final String LEVEL = "level ";

  private Shapes() {
  }

  /** Warm-up rate, then the target rate held, then a ramp down to nothing: arrivals per second. */
  public static Shape<OpenInjectionStep> load(Profiles.Load p) {
    Builder<OpenInjectionStep> shape = new Builder<>();
    if (p.warmUpRate() > 0) {
      shape.add("warm-up", p.warmUp(), d -> constantUsersPerSec(p.warmUpRate()).during(d));
    }
    shape.add("hold", p.hold(), d -> constantUsersPerSec(p.rate()).during(d));
    rampRate(shape, "ramp-down", p.rate(), 0, p.rampDown());
    return shape.build();
  }

  /** One steady phase of arrivals while the fault schedule runs. */
  public static Shape<OpenInjectionStep> chaos(Profiles.Chaos p) {
    Builder<OpenInjectionStep> shape = new Builder<>();
    shape.add("steady", p.duration(), d -> constantUsersPerSec(p.rate()).during(d));
    return shape.build();
  }

  /** Concurrent users in steps (ramp, then hold, per step), then down to none. */
  public static Shape<ClosedInjectionStep> stress(Profiles.Stress p) {
    Builder<ClosedInjectionStep> shape = new Builder<>();
    int previous = 0;
    for (int users : p.steps()) {
      rampConcurrent(shape, "ramp to " + users + " users", previous, users, p.stepRamp());
      shape.add(users + " users", p.stepHold(), d -> constantConcurrentUsers(users).during(d));
      previous = users;
    }
    rampConcurrent(shape, "ramp-down", previous, 0, p.rampDown());
    return shape.build();
  }

  /** Base users, a jump to the peak, the hold, back to base, and the recovery. */
  public static Shape<ClosedInjectionStep> spike(Profiles.Spike p) {
    Builder<ClosedInjectionStep> shape = new Builder<>();
    shape.add("before", p.before(), d -> constantConcurrentUsers(p.baseUsers()).during(d));
    rampConcurrent(shape, "spike-ramp", p.baseUsers(), p.peakUsers(), p.spikeRamp());
    shape.add("hold", p.hold(), d -> constantConcurrentUsers(p.peakUsers()).during(d));
    rampConcurrent(shape, "ramp-back", p.peakUsers(), p.baseUsers(), p.rampBack());
    shape.add("recovery", p.recovery(), d -> constantConcurrentUsers(p.baseUsers()).during(d));
    return shape.build();
  }

  /** A ramp to the population, held for the soak's duration. */
  public static Shape<ClosedInjectionStep> soak(Profiles.Soak p) {
    Builder<ClosedInjectionStep> shape = new Builder<>();
    rampConcurrent(shape, "ramp", 0, p.users(), p.ramp());
    shape.add("hold", p.duration(), d -> constantConcurrentUsers(p.users()).during(d));
    return shape.build();
  }

  /** A warm-up at the start rate, then the arrival rate rising by a step per level until the run stops itself. */
  public static Shape<OpenInjectionStep> breakingPoint(Profiles.BreakingPoint p) {
    // Spelled out rather than incrementUsersPerSec(...): Gatling's stairs divide by the ramp in whole
    // seconds, which a ramp under one second turns into a division by zero.
    Builder<OpenInjectionStep> shape = new Builder<>();
    shape.add("warm-up", p.warmUp(), d -> constantUsersPerSec(p.startRate()).during(d));
    for (int level = 0; level < p.levels(); level++) {
      double rate = p.rateOf(level);
      shape.add(LEVEL + (level + 1), p.level(), d -> constantUsersPerSec(rate).during(d));
      if (level + 1 < p.levels()) {
        rampRate(shape, "ramp to " + LEVEL + (level + 2), p.rateOf(level), p.rateOf(level + 1), p.levelRamp());
      }
    }
    return shape.build();
  }

  /** One tier's population: the largest ramps in, the others are there from the start. */
  public static Shape<ClosedInjectionStep> tier(Profiles.MultiTenant p, Profiles.Tier tier, boolean ramping) {
    Builder<ClosedInjectionStep> shape = new Builder<>();
    if (ramping) {
      rampConcurrent(shape, "ramp", 0, tier.users(), p.ramp());
    } else {
      shape.add("ramp", rampLength(p.ramp()), d -> constantConcurrentUsers(tier.users()).during(d));
    }
    shape.add("hold", p.hold(), d -> constantConcurrentUsers(tier.users()).during(d));
    return shape.build();
  }

  /** Users arriving evenly over a window (FlashSale's crowd). */
  public static OpenInjectionStep crowd(int users, Duration over) {
    return positive(over) ? rampUsers(users).during(over) : atOnceUsers(users);
  }

  /**
   * A rate ramp, in whole seconds: Gatling divides by the ramp's length in seconds, so a ramp under one
   * second would crash the injector. Shorter ramps become a step.
   */
  private static void rampRate(Builder<OpenInjectionStep> shape, String name, double from, double to,
                               Duration during) {
    shape.add(name, rampLength(during), d -> rampUsersPerSec(from).to(to).during(d));
  }

  private static void rampConcurrent(Builder<ClosedInjectionStep> shape, String name, int from, int to,
                                     Duration during) {
    shape.add(name, rampLength(during), d -> rampConcurrentUsers(from).to(to).during(d));
  }

  /** A ramp's length as injected: whole seconds, zero (a step) under half a second. */
  public static Duration rampLength(Duration during) {
    return Duration.ofSeconds(Math.round(during.toMillis() / 1000.0));
  }

  private static boolean positive(Duration duration) {
    return !duration.isZero() && !duration.isNegative();
  }

  /** Steps and phases side by side, each phase starting where the previous one ended. */
  private static final class Builder<S> {
    private final List<S> steps = new ArrayList<>();
    private final List<Shape.Phase> phases = new ArrayList<>();
    private Duration at = Duration.ZERO;

    /** A phase of {@code length} injected by {@code step.apply(length)}; nothing when the length is zero. */
    void add(String name, Duration length, Function<Duration, S> step) {
      if (positive(length)) {
        steps.add(step.apply(length));
        phases.add(new Shape.Phase(name, at, length));
        at = at.plus(length);
      }
    }

    Shape<S> build() {
      return new Shape<>(List.copyOf(steps), List.copyOf(phases));
    }
  }
}
