package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.journeys.DatabaseWork;
import dev.loadbearing.suite.journeys.Handoff;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Verify;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;

/**
 * Database: under concurrent CRUD, heavy joins, contention on one row and transactions that must roll
 * back, does each operation class keep its p95, does the pool recover from exhaustion, and is the data
 * consistent afterwards?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Database}. Shape: after a 15 s warm-up that is not judged, four
 * open populations at their own arrival rates for 3 min (crud, joins, hot-row, rollback), then 200 heavy
 * reports at once (pool burst), then a recovery period of joins; all on one fresh tenant, verified through the
 * API afterwards.
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
    // Chained from the end: recovery after the burst, the burst after the operations, those after the warm-up.
    PopulationBuilder recovery = scenario("recovery").exec(DatabaseWork.joins("recovery"))
        .injectOpen(constantUsersPerSec(profile.joinsRate()).during(profile.recovery()))
        .andThen(verification());
    PopulationBuilder burst = scenario("pool-burst").exec(DatabaseWork.joins("pool-burst"))
        .injectOpen(atOnceUsers(profile.poolBurstUsers()))
        .andThen(recovery);
    PopulationBuilder[] operations = {
        scenario("crud").exec(DatabaseWork.crud()).injectOpen(arriving(profile.crudRate())),
        scenario("joins").exec(DatabaseWork.joins("joins")).injectOpen(arriving(profile.joinsRate())),
        scenario("hot-row").exec(DatabaseWork.hotRow()).injectOpen(arriving(profile.hotRowRate())),
        scenario("rollback").exec(DatabaseWork.rollback()).injectOpen(arriving(profile.rollbackRate())).andThen(burst)};
    PopulationBuilder setUp = scenario("set up").exec(DatabaseWork.setUp(profile.tier(), apiKey()))
        .injectOpen(atOnceUsers(1));
    simulate(profile.warmUp().isZero() ? setUp.andThen(operations) : setUp.andThen(warmUp().andThen(operations)));
  }

  /** The four classes at their rates, for the JIT's sake, under names that are not judged. */
  private PopulationBuilder warmUp() {
    double total = profile.crudRate() + profile.joinsRate() + profile.hotRowRate() + profile.rollbackRate();
    return scenario("warm-up")
        .exec(DatabaseWork.warmUp(profile.crudRate(), profile.joinsRate(), profile.hotRowRate(),
            profile.rollbackRate()))
        .injectOpen(constantUsersPerSec(total).during(profile.warmUp()));
  }

  private OpenInjectionStep arriving(double rate) {
    return constantUsersPerSec(rate).during(profile.duration());
  }
}
