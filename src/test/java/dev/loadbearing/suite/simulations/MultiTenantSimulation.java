package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Feeders;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.journeys.TenantIsolation;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;
import io.gatling.javaapi.core.PopulationBuilder;
import java.util.Comparator;
import java.util.List;

/**
 * MultiTenant: with every tier busy at once, does each tier keep its own SLAs and limits, and does no
 * tenant ever read another's data?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=MultiTenant}. Shape: concurrent populations per tier (free 50,
 * starter 200, professional ramping to 500 users) on the seeded tenants, each user also probing another
 * tenant's product id, which must answer 404.
 */
public final class MultiTenantSimulation extends ProfileSimulation<Profiles.MultiTenant> {
  public MultiTenantSimulation() {
    super(SuiteConfig::multiTenant);
  }

  {
    verify.verdicts(Invariants.multiTenant(profile, config.tenantsPerTier()));
    Profiles.Tier largest = profile.tiers().stream().max(Comparator.comparingInt(Profiles.Tier::users)).orElseThrow();
    List<PopulationBuilder> tiers = profile.tiers().stream().map(tier -> scenario(tier.name())
        .exec(group(tier.name()).on(
            feed(Feeders.tenants(List.of(tier.name()), config.tenantsPerTier(), apiKey(), true))
                .exec(Mix.journey(profile.users(), config.journeys()))
                .exec(TenantIsolation.probe())))
        .injectClosed(measured(Shapes.tier(profile, tier, tier == largest)))).toList();
    // The largest tier ramps in and so ends last: the verdicts follow it.
    simulate(tiers.stream().map(p -> p == tiers.get(profile.tiers().indexOf(largest))
        ? p.andThen(verification()) : p).toArray(PopulationBuilder[]::new));
  }
}
