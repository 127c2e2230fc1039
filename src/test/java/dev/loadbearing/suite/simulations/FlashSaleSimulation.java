package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.journeys.FlashSale;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Verify;

/**
 * FlashSale: when a crowd races for one product with stock N, do exactly N orders succeed and does stock
 * stop at zero?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=FlashSale}. Shape: a fresh tenant creates the product with
 * stock N, then 500 users arrive over 30 s, 90 % buying one unit and 10 % browsing; afterwards the stock and
 * the tenant's consistency invariants are read back from the service.
 */
public final class FlashSaleSimulation extends ProfileSimulation<Profiles.FlashSale> {
  public FlashSaleSimulation() {
    super(SuiteConfig::flashSale);
  }

  {
    verify.step(FlashSale.recall())
        .verdicts(Invariants.flashSale(profile.stock()))
        .request(Verify.get("verify: stock ends at 0", "/api/products/#{" + Keys.PRODUCT_ID + "}")
            .check(status().is(200), jsonPath("$.stock").ofInt().is(0)))
        .request(Invariants.consistency());
    simulate(scenario("set up the sale").exec(FlashSale.setUp(profile.tier(), profile.stock(), apiKey()))
        .injectOpen(atOnceUsers(1))
        .andThen(scenario("crowd").exec(FlashSale.crowd(profile.buyersPercent()))
            .injectOpen(Shapes.crowd(profile.users(), profile.arrival()))
            .andThen(verification())));
  }
}
