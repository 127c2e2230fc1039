package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.global;

import dev.loadbearing.diagnosis.ServerSlas;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SlaBound;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.config.Workload;
import dev.loadbearing.suite.live.LiveMetrics;
import dev.loadbearing.suite.observe.LatencyTimeline;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lifecycle every profile shares, so that a simulation file shows only what makes its profile different.
 * It owns the run's name (from the class: {@code SpikeSimulation} is profile {@code Spike}), the resetting of
 * per-run state, the target, the protocol, the SLAs as Gatling assertions, the verdicts judged after the load,
 * {@code maxDuration}, and {@code before}/{@code after}.
 *
 * <pre>{@code
 * public final class SpikeSimulation extends ProfileSimulation<Profiles.Spike> {
 *   public SpikeSimulation() { super(SuiteConfig::spike); }
 *   { simulate(scenario("Spike").exec(...).injectClosed(measured(Shapes.spike(profile))).andThen(verification())); }
 * }
 * }</pre>
 *
 * @param <P> the profile's resolved record from {@code loadbearing.conf}
 */
public abstract class ProfileSimulation<P extends Profiles.Profile> extends Simulation {
  protected final SuiteConfig config;
  /** The profile's shape and SLAs, with the knobs applied. */
  protected final P profile;
  /** What is judged after the load; the profile's status-share SLAs are already in it. */
  protected final Verify verify;
  private final Run run;
  private final PhaseReport phases = new PhaseReport();
  /** The server-side SLAs in force for this profile (loadbearing.conf server-sla), judged once after the load. */
  private final List<ServerSlas.Bound> serverSla;
  private List<ServerSlas.Result> serverJudged;
  private boolean verificationChained;

  protected ProfileSimulation(Function<SuiteConfig, P> profileOf) {
    try {
      this.config = SuiteConfig.current();
      this.profile = profileOf.apply(config);
      this.serverSla = config.serverSla(profileKey(getClass()));
      this.run = Run.start(getClass(), profile);
    } catch (InvalidConfigException | TargetUnavailableException cannotRun) {
      throw refuse(cannotRun);
    }
    this.verify = new Verify().verdicts(Slas.verdicts(profile.slas())).verdicts(serverVerdicts());
    run.live().ifPresent(live -> live.phases(() -> phases.activeAt(System.currentTimeMillis())));
  }

  /**
   * Gatling's {@code scenario(name)} for every profile (a profile calls this one, not {@code CoreDsl}'s, so a new
   * profile cannot forget it): with -Dlive.port each user is first counted in, and out when Gatling ends it, for
   * {@code loadbearing_active_users}; without, it is Gatling's scenario and nothing more.
   */
  protected final ScenarioBuilder scenario(String name) {
    ScenarioBuilder scenario = CoreDsl.scenario(name);
    return run.live().map(live -> scenario.exec(live.users().arrival(name))).orElse(scenario);
  }

  /** A Chaos run's fault windows as they stand, for {@code loadbearing_fault_active} (with -Dlive.port). */
  protected final void liveFaults(Supplier<List<LiveMetrics.Fault>> faults) {
    run.live().ifPresent(live -> live.faults(faults));
  }

  /**
   * Stops the run before any load, saying why in one sentence (exit code 2): a stack trace through Gatling's
   * reflection would bury it. For a profile that finds its configuration cannot run on this target.
   */
  protected static RuntimeException refuse(RuntimeException cannotRun) {
    System.err.println(cannotRun.getMessage());
    System.err.flush();
    System.exit(2);
    return cannotRun;
  }

  /** {@code BreakingPointSimulation} → {@code breaking-point}, its block under loadbearing.profiles. */
  static String profileKey(Class<?> simulation) {
    return simulation.getSimpleName().replaceFirst("Simulation$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }

  /**
   * The one user that judges every verdict; chain it with {@code andThen} after the population that ends
   * last, so it runs once the load is over.
   */
  protected final PopulationBuilder verification() {
    verificationChained = true;
    return verify.population();
  }

  /**
   * One verdict per server-side SLA ({@code verify: server <key>}), over the load's telemetry: a breach fails
   * the run; a bound the run has no series for is not judged, and says why.
   */
  private List<Verdict> serverVerdicts() {
    return serverSla.stream().map(bound -> new Verdict("server " + bound.kind().key(), () -> {
      ServerSlas.Result result = serverResults().stream().filter(r -> r.bound() == bound).findFirst().orElseThrow();
      System.out.println("Loadbearing verify: server " + result.line());
      return result.passed() ? null : bound.key() + " broken: " + result.line();
    })).toList();
  }

  /** Judged once, when the first verdict asks (the load is over) or, if the verification never ran, at the end. */
  private synchronized List<ServerSlas.Result> serverResults() {
    if (serverJudged == null) {
      serverJudged = ServerSlas.judge(serverSla, run.telemetryOfTheLoad(), profile.peakPopulation());
    }
    return serverJudged;
  }

  /**
   * A shape's injection steps, for {@code injectOpen} / {@code injectClosed}; its phases are timed from the start
   * of load, and the request rate each achieved is printed as it ends and recorded in the run manifest.
   */
  protected final <S> List<S> measured(Shape<S> shape) {
    phases.add(shape.phases());
    return shape.steps();
  }

  /** Who arrives: the journeys' mix and tenants' tiers of {@code loadbearing.workloads.<key>}, in the manifest. */
  protected final Workload workload(String key) {
    Workload workload = config.workload(key);
    record("workload", workload);
    return workload;
  }

  /** Sets the run up: these populations with the target's protocol, the SLAs, the verdicts and max-duration. */
  protected final void simulate(PopulationBuilder... populations) {
    if (!verificationChained) {
      throw new IllegalStateException(getClass().getSimpleName() + " never chained verification() after its "
          + "load; its verdicts would not be judged. Add .andThen(verification()) to the population that ends last.");
    }
    if (phases.length().compareTo(profile.maxDuration()) >= 0) {
      throw new InvalidConfigException(String.format(Locale.ROOT, "the shape of %s lasts %d s, but its "
          + "max-duration is %d s (time-scale %s); raise max-duration, or short-form.max-duration for the short form",
          getClass().getSimpleName(), phases.length().toSeconds(), profile.maxDuration().toSeconds(),
          config.knobs().timeScale()));
    }
    List<Assertion> assertions = new ArrayList<>(run.judgedBy(profile.slas(), verify));
    // Whatever else a profile asks, a run that sent nothing measured nothing.
    assertions.add(global().allRequests().count().gt(0L));
    setUp(populations).protocols(run.protocol()).assertions(assertions).maxDuration(profile.maxDuration());
  }

  /** The reference service this run started; empty for a target given with {@code -DbaseUrl}. */
  protected final Optional<ServiceProcess> launchedService() {
    return run.launchedService();
  }

  /** The API key given with {@code -DapiKey}; empty when the journeys use the seeded tenants. */
  protected final Optional<String> apiKey() {
    return run.apiKey();
  }

  /**
   * Epoch milliseconds when the load started, the origin of phases and time windows: when the first request was
   * sent (Gatling's {@code before()} precedes it by the protocol's start-up, up to a second or more).
   */
  protected final long loadStartedAt() {
    return LatencyTimeline.firstRequestAt().orElse(run.loadStartedAt());
  }

  /** SLAs judged outside Gatling's assertions (BreakingPoint's per-level bound), for the run manifest. */
  protected final void records(List<SlaBound> bounds) {
    run.records(bounds);
  }

  /** A figure the run found (BreakingPoint's last sustainable rate), for the run manifest and stats.json. */
  protected final void record(String key, Object value) {
    run.record(key, value);
  }

  /** A Chaos run's fault windows, recovery times and audit: stats.json's {@code chaos} section. */
  protected final void recordChaos(Map<String, Object> section) {
    run.recordChaos(section);
  }

  /** Called when the load starts; a profile that watches its own run (BreakingPoint) starts watching here. */
  protected void loadStarts() {
  }

  /** Called when the load is over, before the manifest is written and the target released. */
  protected void loadEnded() {
  }

  @Override
  public final void before() {
    run.loadStarts();
    phases.start(this::loadStartedAt);
    loadStarts();
  }

  @Override
  public final void after() {
    try {
      loadEnded();
      record("phases", phases.finish());
      run.recordsServer(serverResults());
    } finally {
      run.finish();
    }
  }
}
