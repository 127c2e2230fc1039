package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.chaos.ChaosVerdicts;
import dev.loadbearing.suite.chaos.FaultActions;
import dev.loadbearing.suite.chaos.FaultSchedule;
import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.ChaosClients;
import dev.loadbearing.suite.live.LiveMetrics;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Verify;

/**
 * Chaos: when the database stalls, restarts, loses every connection or slows down, does the service answer
 * 503 with Retry-After only while the fault lasts, recover within seconds of its end, and lose or double no
 * order that retries with an Idempotency-Key?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Chaos}. Shape: 25 single-action users/s (orders with retries,
 * catalogue pages, chats) for 3.5 min while the schedule in {@code loadbearing.profiles.chaos.faults} runs on
 * its own thread; then the verdicts and the database audit.
 */
public final class ChaosSimulation extends ProfileSimulation<Profiles.Chaos> {
  private final FaultSchedule schedule;
  private final ChaosVerdicts chaos;

  public ChaosSimulation() {
    super(SuiteConfig::chaos);
  }

  {
    try {
      schedule = new FaultSchedule(FaultActions.plan(profile.faults(), launchedService()));
    } catch (InvalidConfigException cannotRun) {
      throw refuse(cannotRun);
    }
    chaos = new ChaosVerdicts(profile, schedule, launchedService());
    liveFaults(() -> schedule.windows().stream()
        .map(window -> new LiveMetrics.Fault(window.name(), window.kind(), window.inForce())).toList());
    verify.verdicts(chaos.verdicts())
        .request(Verify.getPublic("verify: service healthy at the end", "/health").check(status().is(200)));
    simulate(scenario("Chaos")
        .exec(ChaosClients.user(profile, config.journeys(), config.tenantsPerTier(), apiKey()))
        .injectOpen(measured(Shapes.chaos(profile)))
        .andThen(verification()));
  }

  @Override
  protected void loadStarts() {
    schedule.start(System.currentTimeMillis());
  }

  @Override
  protected void loadEnded() {
    schedule.close();
    recordChaos(chaos.report().toManifest(schedule.origin(), profile.recovery().bound()));
  }
}
