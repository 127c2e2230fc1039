package dev.loadbearing.suite.simulations;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;

/**
 * Load: does the service hold its SLAs at the expected production rate?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Load}. Shape: 5 journeys/s for 1 min of warm-up, then 30/s
 * for 5 min (~9,000 requests), then a ramp down (open model). Shape and SLAs: {@code loadbearing.profiles.load}.
 */
public final class LoadSimulation extends ProfileSimulation<Profiles.Load> {
  public LoadSimulation() {
    super(SuiteConfig::load);
  }

  {
    simulate(scenario("Load")
        .exec(Mix.of(workload("load"), config.journeys(), config.tenantsPerTier(), apiKey()))
        .injectOpen(measured(Shapes.load(profile)))
        .andThen(verification()));
  }
}
