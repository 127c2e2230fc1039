package dev.loadbearing.suite.live;

import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.LiveConfig;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One run's live endpoint (docs/LIVE.md): Prometheus text format on {@code http://host:port/metrics} from the
 * moment the run is set up until {@code linger} after the load, then stopped; it never outlives the run nor keeps
 * its JVM alive past the linger. What it serves: {@link LiveRequests}, {@link ActiveUsers}, and gauges read at
 * scrape time (the injection phase, Chaos fault windows, the telemetry sampler's latest samples), which cost the
 * load nothing between scrapes.
 */
public final class LiveMetrics {
  /** The endpoint of the run before, maybe still lingering: a new run in the same JVM (IDE, tests) ends it. */
  private static LiveMetrics previous;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final LiveRequests requests = new LiveRequests(registry);
  private final ActiveUsers users = new ActiveUsers(registry);
  private final HTTPServer server;
  private final ExecutorService serving;
  private final String url;
  private final Duration linger;
  private final Thread stopAtExit = new Thread(this::stopAfterLinger, "loadbearing-live-linger");
  private volatile long stopAt = Long.MAX_VALUE;
  private boolean stopped;

  private LiveMetrics(LiveConfig config) {
    LiveRequests.use(requests);
    // Daemon threads: a scrape in flight must never be what keeps the JVM up.
    serving = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "loadbearing-live");
      thread.setDaemon(true);
      return thread;
    });
    int port = config.port().orElseThrow();
    try {
      server = HTTPServer.builder().hostname(config.host()).port(port).registry(registry).executorService(serving)
          .buildAndStart();
    } catch (IOException | RuntimeException cannotBind) {
      LiveRequests.release(requests);
      serving.shutdownNow();
      throw new InvalidConfigException("-Dlive.port=" + port + " cannot be served on " + config.host() + " ("
          + cannotBind.getClass().getSimpleName() + ": " + cannotBind.getMessage() + "); give a free port, or 0 for "
          + "any, and an address of this machine with -Dlive.host");
    }
    url = "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":"
        + server.getPort() + "/metrics";
    linger = config.linger();
  }

  /** Starts serving when {@code -Dlive.port} is given, printing the URL in one line; empty otherwise. */
  public static Optional<LiveMetrics> start(LiveConfig config) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    LiveMetrics live;
    synchronized (LiveMetrics.class) {
      if (previous != null) {
        previous.stop();
      }
      live = new LiveMetrics(config);
      previous = live;
    }
    System.out.println("Loadbearing live metrics: " + live.url + " (Prometheus text, served until "
        + live.linger.toSeconds() + " s after the load; docs/LIVE.md)");
    return Optional.of(live);
  }

  public String url() {
    return url;
  }

  public ActiveUsers users() {
    return users;
  }

  /** {@code loadbearing_phase_active{phase}}: 1 while a phase of the shape runs, 0 before and after it. */
  public void phases(Supplier<Map<String, Boolean>> activeByName) {
    GaugeWithCallback.builder().name("loadbearing_phase_active")
        .help("1 while this injection phase of the profile's shape runs, else 0").labelNames("phase")
        .callback(gauge -> activeByName.get().forEach((phase, active) -> gauge.call(active ? 1 : 0, phase)))
        .register(registry);
  }

  /** A Chaos fault as it stands at scrape time. */
  public record Fault(String name, String kind, boolean active) {
  }

  /** {@code loadbearing_fault_active{fault,kind}}: 1 while the fault is in force; Grafana draws it as a band. */
  public void faults(Supplier<List<Fault>> faults) {
    GaugeWithCallback.builder().name("loadbearing_fault_active")
        .help("1 while this Chaos fault is in force (begun, not yet ended), else 0").labelNames("fault", "kind")
        .callback(gauge -> faults.get().forEach(f -> gauge.call(f.active() ? 1 : 0, f.name(), f.kind())))
        .register(registry);
  }

  /** {@code loadbearing_telemetry{series}}: the latest value the telemetry sampler read of each of its series. */
  public void telemetry(Supplier<Map<String, Double>> latest) {
    GaugeWithCallback.builder().name("loadbearing_telemetry")
        .help("Latest sample of each telemetry series (docs/TELEMETRY-FORMAT.md names them)").labelNames("series")
        .callback(gauge -> latest.get().forEach((series, value) -> gauge.call(value, series)))
        .register(registry);
  }

  /**
   * The load is over: keeps serving for the linger, then stops, on a daemon thread. A JVM that exits sooner (Gatling
   * exits once its report is written) waits in a shutdown hook for the rest of the linger, never longer.
   */
  public void loadEnded() {
    LiveRequests.release(requests);
    stopAt = System.currentTimeMillis() + linger.toMillis();
    try {
      Runtime.getRuntime().addShutdownHook(stopAtExit);
    } catch (IllegalStateException shuttingDown) {
      // Already exiting: stop now rather than hold the exit up.
      stop();
      return;
    }
    Thread stopper = new Thread(this::stopAfterLinger, "loadbearing-live-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  private void stopAfterLinger() {
    try {
      long wait = stopAt - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      stop();
    }
  }

  /** Stops serving now (a run that could not start, or the end of the linger); safe to call twice. */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    LiveRequests.release(requests);
    server.stop();
    serving.shutdownNow();
    if (Thread.currentThread() != stopAtExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
      } catch (IllegalStateException | IllegalArgumentException notRegisteredOrExiting) {
        // Nothing to undo.
      }
    }
  }
}
