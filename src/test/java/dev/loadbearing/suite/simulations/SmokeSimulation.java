package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.SmokeTour;
import dev.loadbearing.suite.support.Run;
import dev.loadbearing.suite.support.Slas;
import dev.loadbearing.suite.support.Verify;
import io.gatling.javaapi.core.Simulation;

/**
 * Smoke: does every endpoint answer correctly at all?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Smoke}. Shape: a few users at once, each touching every
 * endpoint once. SLAs ({@code profiles.smoke.sla}): no failed request, p95 under 500 ms.
 */
public final class SmokeSimulation extends Simulation {
  private final Profiles.Smoke profile = SuiteConfig.current().smoke();
  private final Run run = Run.start(this, "Smoke", profile);
  private final Verify verify = new Verify().verdicts(Slas.verdicts(profile.slas()));

  {
    setUp(scenario("Smoke tour").exec(SmokeTour.TOUR).injectOpen(atOnceUsers(profile.users()))
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
