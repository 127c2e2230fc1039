package dev.loadbearing.chaos;

import dev.loadbearing.launcher.DatabaseAddress;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.lifecycle.Processes;
import dev.loadbearing.lifecycle.StoppedPostgres;
import dev.loadbearing.service.faults.LiveFaults;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults a Chaos schedule runs against the reference service the suite launched and its embedded PostgreSQL:
 * a frozen database, a restarted one, every connection dropped, added database latency, failing LLM providers.
 * Each is a {@link FaultAction}; docs/FAULTS.md ("Live faults") says what each does and what was measured.
 *
 * <pre>{@code
 * ServiceFaults faults = new ServiceFaults(service);
 * FaultAction stall = faults.stallDatabase();
 * stall.begin(); ... stall.end();
 * }</pre>
 */
public final class ServiceFaults {
  /** How long a restarted PostgreSQL may take to accept connections again. */
  static final Duration RESTART_BOUND = Duration.ofSeconds(15);

  private final ServiceProcess service;

  public ServiceFaults(ServiceProcess service) {
    this.service = service;
  }

  /** begin: SIGSTOP to the postmaster and all its children; end: SIGCONT (also on the service's close). */
  public FaultAction stallDatabase() {
    AtomicReference<StoppedPostgres> stall = new AtomicReference<>();
    return new Fault("database stalled (SIGSTOP)", () -> stall.set(service.stopDatabase()), () -> {
      StoppedPostgres stopped = stall.getAndSet(null);
      if (stopped != null) {
        stopped.close();
      }
    });
  }

  /**
   * begin: SIGINT to the postmaster (fast shutdown: sessions ended, data kept); its keeper starts it again by
   * itself. end: waits until a new postmaster accepts connections, at most {@link #RESTART_BOUND}.
   */
  public FaultAction restartDatabase() {
    AtomicReference<Long> stopped = new AtomicReference<>();
    return new Fault("database restarted (SIGINT, fast shutdown)", () -> {
      long postmaster = postmasterPid();
      ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() ->
          new IllegalStateException("PostgreSQL (pid " + postmaster + ") is not running"));
      if (!Processes.signal("INT", List.of(handle))) {
        throw new IllegalStateException("Could not send SIGINT to PostgreSQL (pid " + postmaster + ")");
      }
      stopped.set(postmaster);
    }, () -> {
      Long before = stopped.getAndSet(null);
      if (before != null) {
        DatabaseCalls.awaitRestart(service, before, RESTART_BOUND);
      }
    });
  }

  /** begin: pg_terminate_backend on every backend of the service's database but its own; end: nothing. */
  public FaultAction dropConnections() {
    return new Fault("every database connection dropped (pg_terminate_backend)",
        () -> DatabaseCalls.terminateEveryOtherBackend(database()), () -> { });
  }

  /** begin: each database connection the API borrows waits {@code millis} first; end: back to 0. */
  public FaultAction databaseLatency(int millis) {
    if (millis <= 0 || millis > 60_000) {
      throw new IllegalArgumentException("Database latency is 1 to 60000 ms, not " + millis);
    }
    return new Fault("database latency +" + millis + " ms",
        () -> service.applyFault(LiveFaults.DB_LATENCY, Integer.toString(millis)),
        () -> service.applyFault(LiveFaults.DB_LATENCY, "0"));
  }

  /**
   * begin: that share (above 0, at most 1) of the simulated LLM provider calls fail, so the assistant falls back
   * to the next provider, and answers 503 when all failed; end: back to 0.
   */
  public FaultAction providerErrors(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("The share of failing provider calls is above 0 and at most 1, not "
          + share);
    }
    String value = String.format(Locale.ROOT, "%s", share);
    return new Fault("LLM provider errors " + Math.round(share * 100) + " %",
        () -> service.applyFault(LiveFaults.PROVIDER_ERROR_SHARE, value),
        () -> service.applyFault(LiveFaults.PROVIDER_ERROR_SHARE, "0"));
  }

  private long postmasterPid() {
    OptionalLong pid = service.databasePid();
    return pid.orElseThrow(() -> new IllegalStateException("The reference service runs no embedded PostgreSQL of"
        + " its own (-Ddb.url?): there is no database to restart"));
  }

  private DatabaseAddress database() {
    return service.database().orElseThrow(() -> new IllegalStateException("The reference service (pid "
        + service.pid() + ") did not tell its database"));
  }

  /** A step of a fault that may fail with a checked exception. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private record Fault(String description, Step onBegin, Step onEnd) implements FaultAction {
    @Override
    public void begin() throws Exception {
      onBegin.run();
    }

    @Override
    public void end() throws Exception {
      onEnd.run();
    }
  }
}
