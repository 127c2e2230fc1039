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
 * Spike: does the service survive a sudden 20× jump in users, and recover afterwards?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Spike} (CI: add {@code -DtimeScale=0.05}). Shape: 10 users, 20× within 10 s, held 3 min, back to 10, then 3 min of recovery (closed model).
 * Journeys, shape and SLAs: {@code loadbearing.profiles.spike}.
 */
public final class SpikeSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.Spike profile = config.spike();
  private final Run run = Run.start(this, "Spike", profile);
  private final Verify verify = new Verify().verdicts(Slas.verdicts(profile.slas())).verdicts(Windows.spike(profile, run::loadStartedAt));

  {
    setUp(scenario("Spike")
        .exec(Mix.of(profile.mix(), config.journeys(),
            Feeders.tenants(profile.tiers(), config.tenantsPerTier(), run.apiKey(), false)))
        .injectClosed(Shapes.spike(profile))
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
