package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Iterator;
import java.util.Map;

/** A user of a profile: a tenant from the feeder, then one journey picked by the profile's mix weights. */
public final class Mix {
  private Mix() {
  }

  public static ChainBuilder of(Map<String, Double> mix, JourneyConfig journeys, Iterator<Map<String, Object>> tenants) {
    return feed(tenants).exec(randomSwitch().on(
        percent(mix.getOrDefault("shopper", 0.0)).then(Shopper.journey(journeys)),
        percent(mix.getOrDefault("assistant", 0.0)).then(AssistantUser.journey(journeys)),
        percent(mix.getOrDefault("onboarding", 0.0)).then(Onboarding.journey(journeys)),
        percent(mix.getOrDefault("admin", 0.0)).then(TenantAdmin.journey(journeys))));
  }
}
