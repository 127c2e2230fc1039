package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Feeders;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.support.Run;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Slas;
import dev.loadbearing.suite.support.Verify;
import io.gatling.javaapi.core.Simulation;

/**
 * Load: does the service hold its SLAs at the expected production rate?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Load} (CI: add {@code -DtimeScale=0.05}). Shape: 5 journeys/s for 1 min of warm-up, then 30/s for 5 min (~9,000 requests), then a ramp down (open model).
 * Journeys, shape and SLAs: {@code loadbearing.profiles.load}.
 */
public final class LoadSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.Load profile = config.load();
  private final Run run = Run.start(this, "Load", profile);
  private final Verify verify = new Verify().verdicts(Slas.verdicts(profile.slas()));

  {
    setUp(scenario("Load")
        .exec(Mix.of(profile.mix(), config.journeys(),
            Feeders.tenants(profile.tiers(), config.tenantsPerTier(), run.apiKey(), false)))
        .injectOpen(Shapes.load(profile))
        .andThen(verify.population()))
        .protocols(run.protocol())
        .assertions(run.judgedBy(profile.slas(), verify))
        .maxDuration(profile.maxDuration());
  }

  @Override
  public void before() {
    run.loadStarts();
  }

  @Override
  public void after() {
    run.finish();
  }
}
