package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Feeders;
import dev.loadbearing.suite.journeys.Shopper;
import dev.loadbearing.suite.support.BreakingPointMonitor;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shape;
import dev.loadbearing.suite.support.Shapes;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.util.Locale;

/**
 * BreakingPoint: up to what arrival rate does the service keep its SLA?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=BreakingPoint}. Shape: after a 1 min warm-up, single-request
 * users arriving at 200/s, +200/s every level (1 min each, 10 s ramps, up to 20 levels), until a level's p95 or
 * failure share breaks {@code breaks-when}; then the generator stops itself and reports the last
 * sustainable rate (console, and {@code lastSustainableRate} in the run manifest).
 */
public final class BreakingPointSimulation extends ProfileSimulation<Profiles.BreakingPoint> {
  private final Shape<OpenInjectionStep> shape = Shapes.breakingPoint(profile);
  private final BreakingPointMonitor monitor = new BreakingPointMonitor(profile, shape);

  public BreakingPointSimulation() {
    super(SuiteConfig::breakingPoint);
  }

  {
    records(profile.breaksWhen());
    simulate(scenario("BreakingPoint")
        .exec(feed(Feeders.tenants(workload("breaking-point").tiers(), config.tenantsPerTier(), apiKey(), false)))
        .exec(Shopper.browse(config.journeys().shopperPages()))
        .exec(stopLoadGeneratorIf(session -> monitor.breach(), session -> monitor.broken()))
        .injectOpen(measured(shape))
        .andThen(verification()));
  }

  @Override
  protected void loadStarts() {
    monitor.start(this::loadStartedAt);
  }

  @Override
  protected void loadEnded() {
    monitor.stop();
    double rate = monitor.lastSustainableRate();
    String figure = String.format(Locale.ROOT, "%s%.1f req/s", monitor.allLevelsHeld() ? ">= " : "", rate);
    System.out.println("Loadbearing BreakingPoint: last sustainable rate: " + figure
        + (monitor.broken() ? " (" + monitor.breach() + ")"
        : monitor.allLevelsHeld() ? " (no level broke the SLA; raise levels or step-rate to find the break)"
        : " (max-duration ended the run before every level was judged; raise max-duration)"));
    record("lastSustainableRate", rate);
    record("lastSustainableRateText", figure);
    record("breach", monitor.breach());
  }
}
