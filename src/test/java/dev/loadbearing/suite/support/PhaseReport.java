package dev.loadbearing.suite.support;

import dev.loadbearing.suite.observe.LatencyTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports the request rate each phase of a run's shapes achieved: printed as each phase ends (so a long run
 * can be read, or stopped, phase by phase) and, for every phase that ended, in the run manifest's
 * {@code phases}. This is how a short form is compared with the full one.
 */
final class PhaseReport {
  /** Responses of a phase's last second are counted once that second is over and its stragglers are in. */
  private static final long SETTLE_MILLIS = 1500;

  private final List<Shape.Phase> phases = new ArrayList<>();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "phase-report");
    thread.setDaemon(true);
    return thread;
  });
  private long loadStart;

  /** Adds a shape's phases; a phase two populations share (same name and times) is reported once. */
  void add(List<Shape.Phase> shape) {
    shape.stream().filter(phase -> !phases.contains(phase)).forEach(phases::add);
  }

  /** The end of the last phase, from the moment load starts. */
  Duration length() {
    return phases.stream().map(Shape.Phase::end).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** Starts printing each phase's rate as it ends. */
  void start(long loadStartMillis) {
    loadStart = loadStartMillis;
    for (Shape.Phase phase : phases) {
      long delay = loadStart + phase.end().toMillis() + SETTLE_MILLIS - System.currentTimeMillis();
      clock.schedule(() -> System.out.println("Loadbearing " + rate(phase).line()), Math.max(0, delay),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Stops printing; prints every phase that ended and returns them for the manifest. */
  List<Map<String, Object>> finish() {
    clock.shutdownNow();
    long now = System.currentTimeMillis();
    List<Map<String, Object>> ended = new ArrayList<>();
    for (Shape.Phase phase : phases) {
      if (loadStart > 0 && loadStart + phase.end().toMillis() <= now) {
        PhaseRate rate = rate(phase);
        System.out.println("Loadbearing summary: " + rate.line());
        ended.add(rate.manifest());
      }
    }
    return ended;
  }

  private PhaseRate rate(Shape.Phase phase) {
    return PhaseRate.of(phase, loadStart, LatencyTimeline::requestsInSecond);
  }
}
