package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.SmokeTour;
import dev.loadbearing.suite.support.ProfileSimulation;

/**
 * Smoke: does every endpoint answer correctly at all?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Smoke}. Shape: a few users at once, each touching every
 * endpoint once. SLAs ({@code profiles.smoke.sla}): no failed request, p95 under 500 ms.
 */
public final class SmokeSimulation extends ProfileSimulation<Profiles.Smoke> {
  public SmokeSimulation() {
    super(SuiteConfig::smoke);
  }

  {
    simulate(scenario("Smoke tour").exec(SmokeTour.TOUR).injectOpen(atOnceUsers(profile.users()))
        .andThen(verification()));
  }
}
