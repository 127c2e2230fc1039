package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Tenants;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Optional;

/** Setting up a tenant of one's own for a profile, so its data and its bucket are nobody else's. */
final class Tenancy {
  private Tenancy() {
  }

  /** Signs up a fresh tenant on {@code tier}; with {@code -DapiKey} (a remote target), uses that key. */
  static ChainBuilder freshOrGiven(String prefix, String tier, Optional<String> apiKey) {
    ChainBuilder names = feed(Feeders.fresh(prefix));
    if (apiKey.isPresent()) {
      return names.exec(session -> session.set(Keys.API_KEY, apiKey.get()));
    }
    return names.exec(session -> session.set(Keys.TIER, tier))
        .exec(group("set up").on(exec(Tenants.SIGN_UP_ON_TIER)));
  }
}
