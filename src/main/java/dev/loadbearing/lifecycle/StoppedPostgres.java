package dev.loadbearing.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A PostgreSQL server frozen whole, as a stalled database host would be: SIGSTOP to the postmaster and every
 * process under it (backends, checkpointer, WAL writer...), SIGCONT to all of them on {@link #close}. Stopping the
 * postmaster alone would not do: connections already open are served by their own backend processes.
 *
 * <pre>{@code
 * try (StoppedPostgres stall = StoppedPostgres.stop(pid)) { ... } // continued however the block ends
 * }</pre>
 */
public final class StoppedPostgres implements AutoCloseable {
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

  /** Stops the postmaster with this pid and every process under it; throws when one could not be stopped. */
  public static StoppedPostgres stop(long postmasterPid) {
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid)
        .orElseThrow(() -> new IllegalStateException("No PostgreSQL process " + postmasterPid));
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    postmaster.descendants().forEach(all::add);
    if (!Processes.signal("STOP", all)) {
      // Not frozen whole is not frozen: continue what was stopped, and say so.
      Processes.signal("CONT", all);
      throw new IllegalStateException("Could not stop every process of PostgreSQL " + postmasterPid + ": " + all);
    }
    StoppedPostgres stall = new StoppedPostgres(postmaster, all, System.nanoTime());
    Runtime.getRuntime().addShutdownHook(stall.continueAtExit);
    return stall;
  }

  /** {@link System#nanoTime} once every process was stopped. */
  public long stoppedAt() {
    return stoppedAt;
  }

  /** {@link System#nanoTime} once every process was continued; 0 before {@link #close}. */
  public long continuedAt() {
    return continuedAt;
  }

  public long postmasterPid() {
    return postmaster.pid();
  }

  public int processes() {
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
    Processes.signal("CONT", all);
  }
}
