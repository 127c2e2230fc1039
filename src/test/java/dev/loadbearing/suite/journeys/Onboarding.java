package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Tenants;
import io.gatling.javaapi.core.ChainBuilder;

/**
 * A new shop: sign up (a fresh starter tenant) or log in (the session's tenant), then business setup, logo
 * upload (multipart) and the first product, thinking between steps.
 */
public final class Onboarding {
  private Onboarding() {
  }

  public static ChainBuilder journey(JourneyConfig journeys) {
    JourneyConfig.Journey onboarding = journeys.onboarding();
    return group("onboarding").on(feed(Feeders.fresh("onboard"))
        .exec(randomSwitch().on(
            percent(onboarding.weight("sign-up")).then(exec(Tenants.SIGN_UP)),
            percent(onboarding.weight("log-in")).then(exec(Tenants.GET_TENANT))))
        .exec(Think.of(onboarding))
        .exec(Tenants.UPDATE_SETTINGS)
        .exec(Think.of(onboarding))
        .exec(Tenants.UPLOAD_LOGO)
        .exec(Think.of(onboarding))
        .exec(session -> session.set(Keys.STOCK, 100))
        .exec(Catalog.CREATE_PRODUCT));
  }
}
