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
import dev.loadbearing.suite.support.Windows;
import io.gatling.javaapi.core.Simulation;

/**
 * Soak: does latency drift or do errors creep in over a long steady run (leaks, pool exhaustion)?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Soak} (CI: add {@code -DtimeScale=0.05}). Shape: ramp to 100 concurrent users, held 30 min (hours with -Dloadbearing.profiles.soak.duration=4h).
 * Journeys, shape and SLAs: {@code loadbearing.profiles.soak}.
 */
public final class SoakSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.Soak profile = config.soak();
  private final Run run = Run.start(this, "Soak", profile);
  private final Verify verify = new Verify().verdicts(Slas.verdicts(profile.slas())).verdicts(Windows.soak(profile, run::loadStartedAt));

  {
    setUp(scenario("Soak")
        .exec(Mix.of(profile.mix(), config.journeys(),
            Feeders.tenants(profile.tiers(), config.tenantsPerTier(), run.apiKey(), false)))
        .injectClosed(Shapes.soak(profile))
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
