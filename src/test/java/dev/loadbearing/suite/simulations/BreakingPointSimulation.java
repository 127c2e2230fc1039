package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Feeders;
import dev.loadbearing.suite.journeys.Shopper;
import dev.loadbearing.suite.support.BreakingPointMonitor;
import dev.loadbearing.suite.support.Run;
import dev.loadbearing.suite.support.Shapes;
import io.gatling.javaapi.core.Simulation;
import java.util.Locale;

/**
 * BreakingPoint: up to what arrival rate does the service keep its SLA?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=BreakingPoint}. Shape: after a 1 min warm-up, single-request
 * users arriving at 200/s, +200/s every level (1 min each, 10 s ramps, up to 20 levels), until a level's p95 or
 * failure share breaks {@code breaks-when}; then the generator stops itself and reports the last
 * sustainable rate (console, and {@code lastSustainableRate} in the run manifest).
 */
public final class BreakingPointSimulation extends Simulation {
  private final SuiteConfig config = SuiteConfig.current();
  private final Profiles.BreakingPoint profile = config.breakingPoint();
  private final Run run = Run.start(this, "BreakingPoint", profile);
  private final BreakingPointMonitor monitor = new BreakingPointMonitor(profile);

  {
    run.records(profile.breaksWhen());
    setUp(scenario("BreakingPoint")
        .exec(feed(Feeders.tenants(profile.tiers(), config.tenantsPerTier(), run.apiKey(), false)))
        .exec(Shopper.browse(config.journeys().shopperPages()))
        .exec(stopLoadGeneratorIf(session -> monitor.breach(), session -> monitor.broken()))
        .injectOpen(Shapes.breakingPoint(profile)))
        .protocols(run.protocol())
        // The verdict is the figure, not a pass/fail bound: the run only has to have sent load.
        .assertions(global().allRequests().count().gt(0L))
        .maxDuration(profile.maxDuration());
  }

  @Override
  public void before() {
    run.loadStarts();
    monitor.start(run::loadStartedAt);
  }

  @Override
  public void after() {
    monitor.stop();
    double rate = monitor.lastSustainableRate();
    String figure = String.format(Locale.ROOT, "%s%.1f req/s", monitor.allLevelsHeld() ? ">= " : "", rate);
    System.out.println("Loadbearing BreakingPoint: last sustainable rate: " + figure
        + (monitor.broken() ? " (" + monitor.breach() + ")"
        : monitor.allLevelsHeld() ? " (no level broke the SLA; raise levels or step-rate to find the break)"
        : " (max-duration ended the run before every level was judged; raise max-duration)"));
    run.record("lastSustainableRate", rate);
    run.record("lastSustainableRateText", figure);
    run.record("breach", monitor.breach());
    run.finish();
  }
}
