package dev.loadbearing.service.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server frozen whole, as a stalled database host would be: SIGSTOP to the postmaster and every
 * process under it (backends, checkpointer, WAL writer...), SIGCONT to all of them on {@link #close}. Stopping the
 * postmaster alone would not do: connections already open are served by their own backend processes.
 *
 * <pre>{@code
 * try (StoppedPostgres stall = StoppedPostgres.stop(pid)) { ... } // continued however the block ends
 * }</pre>
 */
final class StoppedPostgres implements AutoCloseable {
  private final ProcessHandle postmaster;
  private final List<ProcessHandle> stopped;
  /** Continues the server should this JVM end while it is stopped; nothing else would. */
  private final Thread continueAtExit;
  private final long stoppedAt;
  private long continuedAt;

  private StoppedPostgres(ProcessHandle postmaster, List<ProcessHandle> stopped, long stoppedAt) {
    this.postmaster = postmaster;
    this.stopped = stopped;
    this.stoppedAt = stoppedAt;
    this.continueAtExit = new Thread(this::continueAll, "continue-postgres");
  }

  static StoppedPostgres stop(long postmasterPid) {
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid)
        .orElseThrow(() -> new IllegalStateException("No PostgreSQL process " + postmasterPid));
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    postmaster.descendants().forEach(all::add);
    signal("STOP", all);
    StoppedPostgres stall = new StoppedPostgres(postmaster, all, System.nanoTime());
    Runtime.getRuntime().addShutdownHook(stall.continueAtExit);
    return stall;
  }

  /** {@link System#nanoTime} once every process was stopped. */
  long stoppedAt() {
    return stoppedAt;
  }

  /** {@link System#nanoTime} once every process was continued; 0 before {@link #close}. */
  long continuedAt() {
    return continuedAt;
  }

  int processes() {
    return stopped.size();
  }

  @Override
  public synchronized void close() {
    if (continuedAt != 0) {
      return;
    }
    continueAll();
    continuedAt = System.nanoTime();
    try {
      Runtime.getRuntime().removeShutdownHook(continueAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void continueAll() {
    Set<ProcessHandle> all = new LinkedHashSet<>(stopped);
    postmaster.descendants().forEach(all::add);
    signal("CONT", all);
  }

  private static void signal(String signal, Collection<ProcessHandle> processes) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.stream().filter(ProcessHandle::isAlive).forEach(p -> command.add(Long.toString(p.pid())));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // A process that ended between the listing and the signal makes kill fail; only STOP must reach all.
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0 && signal.equals("STOP")) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending SIG" + signal, e);
    }
  }
}
