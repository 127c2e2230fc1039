package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import dev.loadbearing.suite.config.Workload;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Optional;

/** A user of a profile: a tenant from the feeder, then one journey picked by the workload's mix. */
public final class Mix {
  private Mix() {
  }

  /** A user of {@code workload}: a seeded tenant of one of its tiers (or the given key), then one journey. */
  public static ChainBuilder of(Workload workload, JourneyConfig journeys, int tenantsPerTier,
                                Optional<String> apiKey) {
    return feed(Feeders.tenants(workload.tiers(), tenantsPerTier, apiKey, false)).exec(journey(workload, journeys));
  }

  /** One journey, picked by the workload's mix; the session must already hold a tenant. */
  public static ChainBuilder journey(Workload workload, JourneyConfig journeys) {
    return randomSwitch().on(
        percent(workload.weight("shopper")).then(Shopper.journey(journeys)),
        percent(workload.weight("assistant")).then(AssistantUser.journey(journeys)),
        percent(workload.weight("onboarding")).then(Onboarding.journey(journeys)),
        percent(workload.weight("admin")).then(TenantAdmin.journey(journeys)));
  }
}
