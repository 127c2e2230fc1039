package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.journeys.DatabaseWork;
import dev.loadbearing.suite.journeys.Handoff;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Verify;

/**
 * Database: under concurrent CRUD, heavy joins, contention on one row and transactions that must roll
 * back, does each operation class keep its p95, does the pool recover from exhaustion, and is the data
 * consistent afterwards?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Database}. Shape: four open populations at their own arrival
 * rates for 3 min (crud, joins, hot-row, rollback), then 200 heavy reports at once (pool burst), then a
 * recovery period of joins; all on one fresh tenant, verified through the API afterwards.
 */
public final class DatabaseSimulation extends ProfileSimulation<Profiles.Database> {
  public DatabaseSimulation() {
    super(SuiteConfig::database);
  }

  {
    verify.step(DatabaseWork.recall())
        .request(Invariants.consistency())
        .step(Handoff.load(DatabaseWork.HOT_PRODUCT, Keys.PRODUCT_ID))
        .request(Verify.get("verify: hot row holds every admitted update", "/api/products/#{" + Keys.PRODUCT_ID + "}")
            .check(status().is(200), jsonPath("$.stock").ofLong().is(session -> Invariants.hotRowExpectedStock())))
        .step(Handoff.load(DatabaseWork.ROLLBACK_PRODUCT, Keys.PRODUCT_ID))
        .request(Verify.get("verify: rolled-back orders left stock untouched",
                "/api/products/#{" + Keys.PRODUCT_ID + "}")
            .check(status().is(200), jsonPath("$.stock").ofInt().is(DatabaseWork.ROLLBACK_STOCK)))
        .request(Verify.getPublic("verify: pool drained after the burst", "/metrics")
            .check(status().is(200), regex("hikaricp_connections_pending\\{[^}]*\\} ([0-9.]+)").is("0.0")))
        .request(Verify.getPublic("verify: database healthy after the burst", "/health")
            .check(status().is(200), jsonPath("$.database").is("up")));
    simulate(scenario("set up").exec(DatabaseWork.setUp(profile.tier(), apiKey())).injectOpen(atOnceUsers(1))
        .andThen(
            scenario("crud").exec(DatabaseWork.crud())
                .injectOpen(constantUsersPerSec(profile.crudRate()).during(profile.duration())),
            scenario("joins").exec(DatabaseWork.joins("joins"))
                .injectOpen(constantUsersPerSec(profile.joinsRate()).during(profile.duration())),
            scenario("hot-row").exec(DatabaseWork.hotRow())
                .injectOpen(constantUsersPerSec(profile.hotRowRate()).during(profile.duration())),
            scenario("rollback").exec(DatabaseWork.rollback())
                .injectOpen(constantUsersPerSec(profile.rollbackRate()).during(profile.duration()))
                .andThen(scenario("pool-burst").exec(DatabaseWork.joins("pool-burst"))
                    .injectOpen(atOnceUsers(profile.poolBurstUsers()))
                    .andThen(scenario("recovery").exec(DatabaseWork.joins("recovery"))
                        .injectOpen(constantUsersPerSec(profile.joinsRate()).during(profile.recovery()))
                        .andThen(verification())))));
  }
}
