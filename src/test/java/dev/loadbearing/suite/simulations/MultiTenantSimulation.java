package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SlaBound;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Feeders;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.journeys.TenantIsolation;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.Run;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Slas;
import dev.loadbearing.suite.support.Verify;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
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
public final class MultiTenantSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.MultiTenant profile = config.multiTenant();
  private final Run run = Run.start(this, "MultiTenant", profile);
  private final List<SlaBound> slas = profile.tiers().stream().flatMap(tier -> tier.slas().stream()).toList();
  private final Verify verify = new Verify()
      .verdicts(Invariants.multiTenant(profile, config.tenantsPerTier()))
      .verdicts(Slas.verdicts(slas));
  private final Profiles.Tier largest = profile.tiers().stream().max(Comparator.comparingInt(Profiles.Tier::users))
      .orElseThrow();

  {
    TenantIsolation.clear();
    List<PopulationBuilder> tiers = profile.tiers().stream().map(tier -> scenario(tier.name())
        .exec(group(tier.name()).on(
            Mix.of(profile.mix(), config.journeys(),
                Feeders.tenants(List.of(tier.name()), config.tenantsPerTier(), run.apiKey(), true))
            .exec(TenantIsolation.probe())))
        .injectClosed(Shapes.tier(profile, tier, tier == largest))).toList();
    setUp(tiers.stream().map(p -> p == tiers.get(0) ? p.andThen(verify.population()) : p).toList())
        .protocols(run.protocol())
        .assertions(run.judgedBy(slas, verify))
        .maxDuration(profile.maxDuration());
  }

  @Override
  public void before() {
    run.loadStarts();
  }

  @Override
  public void after() {
    run.finish();
  }
}
