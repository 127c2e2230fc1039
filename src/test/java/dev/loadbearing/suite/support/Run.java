package dev.loadbearing.suite.support;

import static io.gatling.javaapi.http.HttpDsl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.diagnosis.ServerSlas;
import dev.loadbearing.launcher.RunGuard;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.suite.config.Knobs;
import dev.loadbearing.suite.config.SlaBound;
import dev.loadbearing.suite.config.Split;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.observe.ErrorResponses;
import dev.loadbearing.suite.observe.LatencyTimeline;
import dev.loadbearing.suite.observe.LlmSpend;
import dev.loadbearing.suite.observe.OrderLedger;
import dev.loadbearing.suite.observe.StatusCounts;
import dev.loadbearing.report.RunOutputs;
import dev.loadbearing.stats.RunManifest;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.suite.journeys.Handoff;
import dev.loadbearing.suite.journeys.RateLimitClients;
import dev.loadbearing.suite.journeys.TenantIsolation;
import dev.loadbearing.suite.live.LiveMetrics;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulation run's plumbing, used by {@link ProfileSimulation}: prints the resolved configuration once,
 * resets every piece of per-run state, acquires the target, registers the stats export, and in {@link #finish}
 * writes the run manifest and releases the target.
 */
final class Run {
  private final String simulation;
  private final long startedAt;
  private final Target target;
  private final Map<String, Object> parameters;
  private final List<RunManifest.Sla> slas = new ArrayList<>();
  private final Path manifest;
  private final RunOutputs outputs;
  private final ServerTelemetry telemetry;
  private final Optional<LiveMetrics> live;
  private volatile long loadStartedAt;
  private volatile JsonNode chaos;

  private Run(Class<?> simulation, Object settings) {
    this.simulation = simulation.getName();
    String profile = simulation.getSimpleName().replaceFirst("Simulation$", "");
    this.parameters = describe(profile, SuiteConfig.current().knobs(), settings);
    System.out.println("Loadbearing " + profile + " resolved configuration: " + parameters);
    resetPerRunState();
    // Before the target: a port that is taken stops the run before a service is launched for it.
    this.live = LiveMetrics.start(SuiteConfig.current().live());
    try {
      // Before the target: a forked run must stop with its build even while the service starts.
      RunGuard.begin();
      this.target = Target.acquire(SuiteConfig.target());
      this.startedAt = System.currentTimeMillis();
      this.manifest = RunManifest.file(RunManifest.DIRECTORY, this.simulation, startedAt);
      this.outputs = RunOutputs.atExit(this.simulation, startedAt, manifest);
      this.telemetry = ServerTelemetry.start(SuiteConfig.telemetry(), target);
    } catch (RuntimeException cannotRun) {
      live.ifPresent(LiveMetrics::stop);
      throw cannotRun;
    }
    live.ifPresent(metrics -> metrics.telemetry(telemetry::latest));
  }

  /** Call while the simulation is built; {@code settings} is the profile's resolved record. */
  static Run start(Class<?> simulation, Object settings) {
    return new Run(simulation, settings);
  }

  /**
   * Every piece of static state that lives for one run, in one place: Gatling may build several simulations
   * in one JVM (tests, the IDE), and a new profile must not be able to forget one.
   */
  private static void resetPerRunState() {
    StatusCounts.reset();
    LatencyTimeline.reset();
    ErrorResponses.reset();
    OrderLedger.reset();
    LlmSpend.reset();
    Handoff.clear();
    TenantIsolation.clear();
    RateLimitClients.reset();
  }

  HttpProtocolBuilder protocol() {
    // Gatling warms its HTTP client up against gatling.io by default; load only ever goes to the target.
    HttpProtocolBuilder protocol = http.baseUrl(target.baseUrl()).acceptHeader("application/json")
        .userAgentHeader("loadbearing");
    return target.warmUpPath().isEmpty() ? protocol.disableWarmUp()
        : protocol.warmUp(target.baseUrl() + target.warmUpPath());
  }

  /** The reference service this run started, when it started one. */
  Optional<ServiceProcess> launchedService() {
    return target.launchedService();
  }

  /** The run's live endpoint, with -Dlive.port. */
  Optional<LiveMetrics> live() {
    return live;
  }

  Optional<String> apiKey() {
    return target.apiKey();
  }

  /** Records the SLAs the run is judged by, for the manifest; returns them as Gatling assertions. */
  List<io.gatling.javaapi.core.Assertion> judgedBy(List<SlaBound> bounds, Verify verify) {
    records(bounds);
    for (String name : verify.names()) {
      slas.add(new RunManifest.Sla(name, "failedCount", "eq", 0, null));
    }
    List<io.gatling.javaapi.core.Assertion> assertions = new ArrayList<>(Slas.assertions(bounds));
    assertions.addAll(verify.assertions());
    return assertions;
  }

  /** Records SLAs judged outside Gatling's assertions (BreakingPoint's per-level bound), for the manifest. */
  void records(List<SlaBound> bounds) {
    for (SlaBound bound : bounds) {
      slas.add(new RunManifest.Sla(bound.scope(), bound.metric(), bound.operator(), bound.threshold(), bound.reason()));
    }
  }

  /** Records the server-side SLAs with what the run measured (or why it could not), for the manifest. */
  void recordsServer(List<ServerSlas.Result> results) {
    for (ServerSlas.Result r : results) {
      ServerSlas.Bound bound = r.bound();
      slas.add(new RunManifest.Sla(ServerSlas.SCOPE, bound.kind().metric(), bound.kind().operator(), bound.threshold(),
          bound.reason(), r.actual(), r.note()));
    }
  }

  /**
   * Waits for the common start of a split run (start.at, or the one agreed at the rendezvous, recorded as
   * startAt), then marks the moment load starts.
   */
  void loadStarts() {
    Split split = SuiteConfig.current().knobs().split();
    split.rendezvous().ifPresent(folder -> {
      System.out.println("Loadbearing: ready; waiting for the other injectors at " + folder);
      Instant agreed;
      try {
        agreed = new Rendezvous(folder, split.injectors(), Clock.systemUTC()).meet(split.index(), RENDEZVOUS);
      } catch (IllegalStateException | UncheckedIOException noStart) {
        // Before any load: one sentence, exit code 2, as for any setting the run cannot work with.
        throw ProfileSimulation.refuse(new IllegalStateException("Loadbearing: " + noStart.getMessage(), noStart));
      }
      record("startAt", agreed.toString());
      waitUntil(agreed);
    });
    split.startAt().ifPresent(Run::waitUntil);
    loadStartedAt = System.currentTimeMillis();
  }

  private static void waitUntil(Instant startAt) {
    long wait = startAt.toEpochMilli() - System.currentTimeMillis();
    if (wait > 0) {
      System.out.println("Loadbearing: waiting " + wait + " ms for start.at " + startAt);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (-wait > Split.LATE_START.toMillis()) {
      // The service took this long to start: the parts will not line up, and the merge's time span will say so.
      System.err.println("Loadbearing: start.at " + startAt + " passed " + -wait + " ms ago; loading now");
    }
  }

  /** How long an injector waits at the rendezvous for the others: pods may wait for a node and an image pull. */
  private static final Duration RENDEZVOUS = Duration.ofMinutes(10);

  long loadStartedAt() {
    return loadStartedAt == 0 ? startedAt : loadStartedAt;
  }

  /** A figure found by the run (e.g. BreakingPoint's last sustainable rate), for the manifest. */
  void record(String key, Object value) {
    parameters.put(key, value);
  }

  /** A Chaos run's windows, recovery times and audit, for the manifest and stats.json's {@code chaos} section. */
  void recordChaos(Map<String, Object> section) {
    chaos = new ObjectMapper().valueToTree(section);
  }

  /** Ends sampling now (the load is over) and returns what was sampled; empty with -Dtelemetry=false. */
  Optional<Telemetry> telemetryOfTheLoad() {
    return telemetry.stop();
  }

  /** Writes the run manifest, hands the telemetry over, then stops a self-launched service. */
  void finish() {
    live.ifPresent(LiveMetrics::loadEnded);
    try {
      telemetry.stop().ifPresent(outputs::telemetry);
      RunManifest written = new RunManifest(simulation, startedAt, target.baseUrl(), parameters, List.copyOf(slas),
          StatusCounts.byRequest(), LlmSpend.usage().orElse(null), chaos);
      System.out.println("Loadbearing run manifest: " + written.write(manifest));
      System.out.println("Loadbearing status counts: " + written.statusCounts());
    } finally {
      target.close();
      target.launchedService().flatMap(ServiceProcess::flightRecording)
          .ifPresent(jfr -> outputs.flightRecording(jfr, loadStartedAt()));
    }
  }

  private static Map<String, Object> describe(String profile, Knobs knobs, Object settings) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("profile", profile);
    parameters.put("stage", knobs.stage());
    parameters.put("timeScale", knobs.timeScale());
    parameters.put("form", knobs.form());
    parameters.put("loadScale", knobs.loadScale());
    parameters.put("populationFactor", knobs.populationFactor());
    // What the merge checks the parts by (docs/DISTRIBUTED.md).
    Split split = knobs.split();
    parameters.put("injectors", split.injectors());
    parameters.put("injectorIndex", split.index());
    split.runIdOf(profile).ifPresent(id -> parameters.put("runId", id));
    split.startAt().ifPresent(at -> parameters.put("startAt", at.toString()));
    if (settings.getClass().isRecord()) {
      for (RecordComponent component : settings.getClass().getRecordComponents()) {
        if (component.getName().equals("slas")) {
          continue;
        }
        try {
          parameters.put(component.getName(), plain(component.getAccessor().invoke(settings)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return parameters;
  }

  private static Object plain(Object value) {
    if (value instanceof Duration duration) {
      return duration.toMillis() + "ms";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Run::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value != null && value.getClass().isRecord()) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          copy.put(component.getName(), plain(component.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return copy;
    }
    return value;
  }
}
