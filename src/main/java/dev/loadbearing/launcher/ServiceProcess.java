package dev.loadbearing.launcher;

import dev.loadbearing.lifecycle.PidRegistry;
import dev.loadbearing.lifecycle.StoppedPostgres;
import dev.loadbearing.service.ServiceMain;
import dev.loadbearing.service.faults.LiveFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The reference service in a JVM of its own, so that its CPU and GC never mix with the load generator's.
 *
 * <p>{@link #start} returns once {@code /health} answers 200. The child stops when {@link #close} is
 * called, when this JVM shuts down (a hook calls close), and, should this JVM die without running hooks,
 * on its own: it watches both its standard input and its parent pid. It is written to the
 * {@link PidRegistry} so that the next run stops it should even that fail. Its output goes to a log file.
 *
 * <p>It tells what a run's telemetry needs: its pid, its database ({@link #database}), and, when started with
 * {@code -Dprofile=true}, the JDK Flight Recorder file it writes as it stops ({@link #flightRecording}).
 * Should it run with fault injection on, that line from its log is shown on this JVM's standard error.
 *
 * <p>For a Chaos schedule it switches the service's live faults ({@link #applyFault}, through the service's standard
 * input, which only this launcher holds) and freezes its database ({@link #stopDatabase}); {@link #close} continues
 * a frozen database before anything else, so that a run torn down mid-fault still stops.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
  /** How long a fault order may take to be in force; the service applies it at once. */
  private static final int FAULT_ANSWER_SECONDS = 5;
  private static final Duration FAULT_ANSWER = Duration.ofSeconds(FAULT_ANSWER_SECONDS);
  /** The setting that asks for a Flight Recorder recording of the service: {@code -Dprofile=true}. */
  public static final String PROFILE_PROPERTY = "profile";
  /** Every service this JVM launched and has not stopped, for {@link #stopAllNow}. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private final Process process;
  private final ServiceOutput pump;
  private final PidRegistry.Registration registration;
  private final Path logFile;
  private final Optional<Path> flightRecording;
  private final Thread shutdownHook;
  /** Databases frozen by {@link #stopDatabase}, continued by {@link #close} whatever else happened. */
  private final Set<StoppedPostgres> stalls = ConcurrentHashMap.newKeySet();
  /** One fault order at a time: each waits for its own answer. */
  private final Object faultOrders = new Object();
  private volatile boolean stopping;
  private String baseUrl;
  private boolean closed;

  private ServiceProcess(Process process, ServiceOutput pump, PidRegistry.Registration registration, Path logFile,
                         Optional<Path> flightRecording) {
    this.process = process;
    this.pump = pump;
    this.registration = registration;
    this.logFile = logFile;
    this.flightRecording = flightRecording;
    this.shutdownHook = new Thread(this::close, "stop-reference-service");
  }

  /**
   * Starts the service on a free loopback port.
   *
   * @param systemProperties extra {@code -Dkey=value} settings for the service (database, seed size, faults,
   *     ...); {@code -Dprofile=true} also records it with the Flight Recorder, into the log file's name
   *     with {@code .jfr} in place of {@code .log}
   * @param logFile where the service's output is written
   * @param readyTimeout how long start-up (database, schema, seed) may take
   */
  public static ServiceProcess start(List<String> systemProperties, Path logFile, Duration readyTimeout) {
    Path java = javaExecutable();
    PidRegistry registry = PidRegistry.standard();
    Optional<Path> flightRecording = profiled(systemProperties) ? Optional.of(recordingFile(logFile))
        : Optional.empty();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms256m");
    command.add("-Xmx1g");
    flightRecording.ifPresent(jfr -> command.add(flightRecorderOption(jfr)));
    command.add("-Dloadbearing.exit-on-stdin-close=true");
    command.add("-D" + ServiceMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
    command.add("-D" + PidRegistry.PROPERTY + "=" + registry.directory());
    command.add("-Dport=0");
    command.addAll(systemProperties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServiceMain.class.getName());

    Process process;
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      // A file from an earlier run under the same name must not pass for this run's recording.
      if (flightRecording.isPresent()) {
        Files.deleteIfExists(flightRecording.get());
      }
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the reference service with: " + String.join(" ", command), e);
    }
    RUNNING.add(process);
    PidRegistry.Registration registration = registry.register(
        PidRegistry.Entry.of("service", process.toHandle(), java.toString(), ProcessHandle.current(), null));
    ServiceProcess service = new ServiceProcess(process, new ServiceOutput(process, logFile), registration, logFile,
        flightRecording);
    Runtime.getRuntime().addShutdownHook(service.shutdownHook);
    service.pump.start();
    try {
      String baseUrl = service.pump.awaitReady(readyTimeout);
      awaitHealthy(baseUrl, readyTimeout);
      service.baseUrl = baseUrl;
      return service;
    } catch (RuntimeException notReady) {
      service.close();
      throw notReady;
    }
  }

  /**
   * Sends SIGTERM to every service this JVM launched, without waiting: for a JVM about to halt because the
   * build that started it is gone. Each service stops its database in its own shutdown hook.
   */
  public static void stopAllNow() {
    RUNNING.forEach(Process::destroy);
  }

  /**
   * Calls {@code listener} with a message (exit code, last lines of output) should the service end before
   * {@link #close}: killed, crashed, out of memory.
   */
  public void onUnexpectedExit(Consumer<String> listener) {
    process.onExit().thenRun(() -> {
      if (!stopping) {
        pump.awaitEnd();
        listener.accept("The reference service (pid " + process.pid() + ") stopped during the run with exit code "
            + describe(process.exitValue()) + ". Its last output (full log in " + logFile + "):\n  " + pump.tail());
      }
    });
  }

  public String baseUrl() {
    return baseUrl;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The embedded PostgreSQL server's pid, when the service started one. */
  public OptionalLong databasePid() {
    return pump.databasePid();
  }

  /**
   * The database the service uses, for telemetry: URL, user, password, and the server's pid when the service
   * started it. Empty only for a service that did not say (one built before it did).
   */
  public Optional<DatabaseAddress> database() {
    return pump.databaseLogin().map(login -> new DatabaseAddress(login.jdbcUrl(), login.user(), login.password(),
        pump.databasePid()));
  }

  /**
   * With {@code -Dprofile=true}: the Flight Recorder file (settings {@code profile}) the service writes when it
   * stops normally, through {@link #close}; a killed service writes none. Empty without profiling.
   */
  public Optional<Path> flightRecording() {
    return flightRecording;
  }

  /**
   * Switches one of the service's live faults and returns once the service says it is in force, e.g.
   * {@code applyFault("db-latency-ms", "300")} or {@code applyFault("provider-error-share", "0.5")} (see
   * {@link LiveFaults}); {@code applyFault("clear", null)} turns both off. Throws with the service's reason when
   * it refuses, and when it does not answer within {@value #FAULT_ANSWER_SECONDS} s.
   */
  public void applyFault(String name, String value) {
    String order = LiveFaults.COMMAND + " " + name + (value == null ? "" : " " + value);
    if (order.contains("\n") || order.contains("\r")) {
      throw new IllegalArgumentException("A fault order is one line: " + order);
    }
    synchronized (faultOrders) {
      CompletableFuture<String> answer = pump.expectFaultAnswer();
      try {
        OutputStream in = process.getOutputStream();
        in.write((order + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = answer.get(FAULT_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        if (line.startsWith(LiveFaults.REFUSED_PREFIX)) {
          throw new IllegalArgumentException("The reference service refused '" + order + "': "
              + line.substring(LiveFaults.REFUSED_PREFIX.length()));
        }
      } catch (IOException gone) {
        throw new IllegalStateException("Cannot send '" + order + "' to the reference service (pid " + pid()
            + "): " + gone.getMessage(), gone);
      } catch (TimeoutException | ExecutionException silent) {
        throw new IllegalStateException("The reference service (pid " + pid() + ") did not confirm '" + order
            + "' within " + FAULT_ANSWER.toSeconds() + " s. Its last output:\n  " + pump.tail());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while sending '" + order + "'", e);
      }
    }
  }

  /**
   * Freezes the service's embedded PostgreSQL whole (SIGSTOP to the postmaster and every process under it); close
   * the result to continue it. {@link #close} continues it too, should the run end first.
   */
  public StoppedPostgres stopDatabase() {
    long postmaster = databasePid().orElseThrow(() -> new IllegalStateException("The reference service (pid "
        + pid() + ") runs no embedded PostgreSQL of its own (-Ddb.url?): there is no database to stall"));
    StoppedPostgres stall = StoppedPostgres.stop(postmaster);
    stalls.add(stall);
    return stall;
  }

  /** Stops the service and its database; safe to call twice, and called by a shutdown hook. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    // A stopped postmaster ignores the shutdown it is asked for and would hang the service's own stop.
    stalls.forEach(StoppedPostgres::close);
    stop(process, pump.databasePid());
    RUNNING.remove(process);
    if (!process.isAlive()) {
      registration.close();
    }
    removeHook(shutdownHook);
  }

  /** Asks politely (end of input, then SIGTERM, both run the service's shutdown hook), then insists. */
  private static void stop(Process process, OptionalLong databasePid) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    // The service's PostgreSQL stops with it (see PostgresServer); this is for the pg_ctl fallback, whose
    // server is no child of the service, and for a keeper that was itself killed.
    databasePid.stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream)
        .filter(ProcessHandle::isAlive).forEach(ServiceProcess::stopDatabase);
  }

  private static void stopDatabase(ProcessHandle postgres) {
    postgres.destroy();
    try {
      postgres.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException stillAlive) {
      postgres.destroyForcibly();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing to remove
    }
  }

  /** True for {@code -Dprofile=true}, false for none or {@code false}; any other value is refused. */
  static boolean profiled(List<String> systemProperties) {
    String prefix = "-D" + PROFILE_PROPERTY + "=";
    String value = null;
    for (String property : systemProperties) {
      if (property.startsWith(prefix)) {
        value = property.substring(prefix.length()).strip();
      }
    }
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new IllegalArgumentException("Invalid value '" + value + "' for " + PROFILE_PROPERTY
        + " (-Dprofile): expected true (record the service with the JDK Flight Recorder) or false.");
  }

  /** {@code service-20260101-120000.log} → {@code service-20260101-120000.jfr}, in the same folder. */
  static Path recordingFile(Path logFile) {
    Path absolute = logFile.toAbsolutePath();
    String name = absolute.getFileName().toString().replaceFirst("\\.log$", "");
    return absolute.resolveSibling(name + ".jfr");
  }

  /**
   * The {@code profile} settings sample stacks every 10 ms and allocations by weight. Written when the JVM
   * exits; {@code maxsize} bounds a long soak's file, which then keeps its most recent part.
   */
  static String flightRecorderOption(Path jfr) {
    String file = jfr.toString();
    if (file.contains(",") || file.contains("=")) {
      throw new IllegalArgumentException("The Flight Recorder file " + file + " has a ',' or '=' in its path, which "
          + "-XX:StartFlightRecording cannot take; run from a folder without them.");
    }
    return "-XX:StartFlightRecording=name=loadbearing,settings=profile,dumponexit=true,maxsize=512m,filename="
        + file;
  }

  /** The java that runs this JVM, by its real path: the registry checks a pid still runs this very file. */
  private static Path javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      return java.toRealPath();
    } catch (IOException e) {
      return java;
    }
  }

  /** An exit code as people read it: 137 is SIGKILL, 143 SIGTERM. */
  static String describe(int exitCode) {
    if (exitCode <= 128 || exitCode > 128 + 64) {
      return Integer.toString(exitCode);
    }
    int signal = exitCode - 128;
    String name = switch (signal) {
      case 9 -> "SIGKILL";
      case 15 -> "SIGTERM";
      case 2 -> "SIGINT";
      case 6 -> "SIGABRT";
      case 11 -> "SIGSEGV";
      default -> "signal " + signal;
    };
    return exitCode + " (killed by " + name + ")";
  }

  private static void awaitHealthy(String baseUrl, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + baseUrl + "/health", e);
      }
      sleep(200);
    }
    throw new IllegalStateException(baseUrl + "/health did not answer 200 within " + timeout.toSeconds()
        + " s; last answer: " + last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
