package dev.loadbearing.suite.chaos;

import dev.loadbearing.chaos.FaultAction;
import dev.loadbearing.suite.config.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a Chaos schedule on its own thread (never one of Gatling's): begins and ends each fault on time from the
 * start of load, records when each really began and ended, and prints one line per event. A fault that was
 * begun is always ended: when its time comes, when the schedule is closed early (the run stopped, max-duration),
 * when the thread fails, or when the JVM shuts down. No database is left stopped.
 */
public final class FaultSchedule implements AutoCloseable {
  /** A fault of the profile and what carries it out. */
  public record Planned(Profiles.Fault fault, FaultAction action) {
  }

  private final List<Planned> planned;
  private final List<Running> running = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::endBegun, "loadbearing-chaos-end");
  private Thread thread;
  private long origin;

  public FaultSchedule(List<Planned> planned) {
    this.planned = List.copyOf(planned);
  }

  /** Starts the schedule; {@code loadStartedAt} (epoch ms) is the origin of every fault's {@code at}. */
  public synchronized void start(long loadStartedAt) {
    if (thread != null) {
      throw new IllegalStateException("the fault schedule is already running");
    }
    origin = loadStartedAt;
    for (Planned p : planned) {
      running.add(new Running(p, loadStartedAt + p.fault().at().toMillis()));
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    thread = new Thread(this::run, "loadbearing-chaos");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      for (Running fault : running) {
        sleepUntil(fault.plannedAt);
        fault.begin();
        sleepUntil(fault.beganAt + fault.planned.fault().duration().toMillis());
        fault.end();
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } finally {
      endBegun();
    }
  }

  /** Ends any fault begun and not yet ended, then stops the schedule; the faults not yet begun never will be. */
  @Override
  public void close() {
    Thread started;
    synchronized (this) {
      started = thread;
    }
    if (started == null) {
      return;
    }
    started.interrupt();
    try {
      // The thread ends a begun fault itself; if it is stuck in a begin, end it from here.
      started.join(30_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    endBegun();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it ends what is begun.
    }
  }

  /** Epoch ms the schedule counts from (the start of load); 0 before it started. */
  public synchronized long origin() {
    return origin;
  }

  /** Every fault as it ran so far, in the schedule's order. */
  public synchronized List<FaultWindow> windows() {
    return running.stream().map(Running::window).toList();
  }

  private void endBegun() {
    List<Running> all;
    synchronized (this) {
      all = List.copyOf(running);
    }
    all.forEach(Running::end);
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  /** One fault's state; begin and end each happen at most once, whoever asks. */
  private final class Running {
    private final Planned planned;
    private final long plannedAt;
    private volatile long beganAt;
    private volatile long endedAt;
    private volatile String problem;
    private boolean begun;
    private boolean ended;

    Running(Planned planned, long plannedAt) {
      this.planned = planned;
      this.plannedAt = plannedAt;
    }

    synchronized void begin() {
      if (begun) {
        return;
      }
      begun = true;
      beganAt = System.currentTimeMillis();
      try {
        planned.action().begin();
        log("began");
      } catch (Exception | Error failed) {
        problem = "begin failed: " + failed;
        log("FAILED to begin (" + failed + ")");
      }
    }

    /** Ends the fault if it was begun; a fault whose begin failed is ended too (it may be half done). */
    synchronized void end() {
      if (!begun || ended) {
        return;
      }
      ended = true;
      try {
        planned.action().end();
      } catch (Exception | Error failed) {
        problem = (problem == null ? "" : problem + "; ") + "end failed: " + failed;
        log("FAILED to end (" + failed + ")");
      } finally {
        endedAt = System.currentTimeMillis();
      }
      log(String.format(Locale.ROOT, "ended (%.1f s after it began)", (endedAt - beganAt) / 1000.0));
    }

    FaultWindow window() {
      return new FaultWindow(planned.fault().name(), planned.fault().kind().key(), planned.action().description(),
          plannedAt, beganAt, endedAt, problem);
    }

    private void log(String event) {
      long at = System.currentTimeMillis();
      System.out.println(String.format(Locale.ROOT, "Loadbearing chaos: %s (%s, %s) %s at %.1f s", planned.fault()
          .name(), planned.fault().kind().key(), planned.action().description(), event, (at - origin) / 1000.0));
    }
  }
}
