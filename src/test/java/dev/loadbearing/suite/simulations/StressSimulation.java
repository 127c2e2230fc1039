package dev.loadbearing.suite.simulations;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;

/**
 * Stress: how does the service degrade as concurrent users climb well past normal?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Stress}. Shape: 100 → 200 → 300 → 400 concurrent users, each
 * step a 2 min ramp and a 5 min hold, then down (closed model: the profile is about a population).
 * Shape and SLAs: {@code loadbearing.profiles.stress}.
 */
public final class StressSimulation extends ProfileSimulation<Profiles.Stress> {
  public StressSimulation() {
    super(SuiteConfig::stress);
  }

  {
    simulate(scenario("Stress")
        .exec(Mix.of(workload("stress"), config.journeys(), config.tenantsPerTier(), apiKey()))
        .injectClosed(measured(Shapes.stress(profile)))
        .andThen(verification()));
  }
}
