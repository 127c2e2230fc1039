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
 * Stress: how does the service degrade as concurrent users climb well past normal?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Stress} (CI: add {@code -DtimeScale=0.05}). Shape: 100 → 200 → 300 → 400 concurrent users, each step a 2 min ramp and a 5 min hold, then down (closed model: the profile is about a population).
 * Journeys, shape and SLAs: {@code loadbearing.profiles.stress}.
 */
public final class StressSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.Stress profile = config.stress();
  private final Run run = Run.start(this, "Stress", profile);
  private final Verify verify = new Verify().verdicts(Slas.verdicts(profile.slas()));

  {
    setUp(scenario("Stress")
        .exec(Mix.of(profile.mix(), config.journeys(),
            Feeders.tenants(profile.tiers(), config.tenantsPerTier(), run.apiKey(), false)))
        .injectClosed(Shapes.stress(profile))
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
