package dev.loadbearing.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.typesafe.config.Config;
import dev.loadbearing.config.SuiteConfig;
import dev.loadbearing.journeys.SmokeTour;
import dev.loadbearing.stats.StatsExport;
import dev.loadbearing.target.Target;
import io.gatling.javaapi.core.Simulation;

/**
 * Smoke: does every endpoint answer correctly at all?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Smoke}. Shape: a few users at once, each touching every
 * endpoint once. SLAs: no failed request, p95 under {@code profiles.smoke.sla.p95}.
 */
public final class SmokeSimulation extends Simulation {
  private final Config profile = SuiteConfig.root().getConfig("profiles.smoke");
  private final Target target = Target.acquire(SuiteConfig.target());

  {
    StatsExport.atExit(getClass().getName(), System.currentTimeMillis());
    setUp(scenario("Smoke tour").exec(SmokeTour.TOUR).injectOpen(atOnceUsers(profile.getInt("users"))))
        .protocols(http.baseUrl(target.baseUrl()).acceptHeader("application/json"))
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(95.0).lt((int) profile.getDuration("sla.p95").toMillis()))
        .maxDuration(profile.getDuration("max-duration"));
  }

  @Override
  public void after() {
    target.close();
  }
}
