package dev.loadbearing.suite.simulations;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shape;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Windows;
import io.gatling.javaapi.core.ClosedInjectionStep;

/**
 * Soak: does latency drift or do errors creep in over a long steady run (leaks, pool exhaustion)?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Soak}. Shape: ramp to 100 concurrent users, held 30 min
 * (hours with {@code -Dloadbearing.profiles.soak.duration=4h}). Shape and SLAs: {@code loadbearing.profiles.soak}.
 * Like every profile it fails on a memory leak in the service (server-sla no-leak; docs/DIAGNOSIS.md).
 */
public final class SoakSimulation extends ProfileSimulation<Profiles.Soak> {
  private final Shape<ClosedInjectionStep> shape = Shapes.soak(profile);

  public SoakSimulation() {
    super(SuiteConfig::soak);
  }

  {
    verify.verdicts(Windows.soak(profile, shape, this::loadStartedAt));
    simulate(scenario("Soak")
        .exec(Mix.of(workload("soak"), config.journeys(), config.tenantsPerTier(), apiKey()))
        .injectClosed(measured(shape))
        .andThen(verification()));
  }
}
