package dev.loadbearing.suite.support;

import dev.loadbearing.suite.observe.LatencyTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

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
  private LongSupplier loadStart = () -> 0;
  private int printed;
  private boolean started;

  /** Adds a shape's phases; a phase two populations share (same name and times) is reported once. */
  synchronized void add(List<Shape.Phase> shape) {
    shape.stream().filter(phase -> !phases.contains(phase)).forEach(phases::add);
    phases.sort((a, b) -> a.end().compareTo(b.end()));
  }

  /** The end of the last phase, from the moment load starts. */
  Duration length() {
    return phases.isEmpty() ? Duration.ZERO : phases.get(phases.size() - 1).end();
  }

  /** Each phase's name → whether it runs at {@code nowMillis}, for live metrics; none runs before the load. */
  synchronized Map<String, Boolean> activeAt(long nowMillis) {
    Map<String, Boolean> active = new LinkedHashMap<>();
    long sinceStart = nowMillis - loadStart.getAsLong();
    for (Shape.Phase phase : phases) {
      boolean running = started && sinceStart >= phase.start().toMillis() && sinceStart < phase.end().toMillis();
      active.merge(phase.name(), running, Boolean::logicalOr);
    }
    return active;
  }

  /** Prints each phase's rate once it has ended; {@code loadStart} may move until the first request is sent. */
  synchronized void start(LongSupplier loadStartMillis) {
    loadStart = loadStartMillis;
    started = true;
    clock.scheduleAtFixedRate(this::printEnded, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Stops printing; prints every phase that ended (and lasted a whole second) and returns them for the manifest. */
  List<Map<String, Object>> finish() {
    clock.shutdownNow();
    List<Map<String, Object>> ended = new ArrayList<>();
    for (Shape.Phase phase : phases) {
      if (loadStart.getAsLong() + phase.end().toMillis() <= System.currentTimeMillis()) {
        PhaseRate rate = rate(phase);
        print("Loadbearing summary: ", rate);
        ended.add(rate.manifest());
      }
    }
    return ended;
  }

  private void printEnded() {
    while (printed < phases.size()
        && loadStart.getAsLong() + phases.get(printed).end().toMillis() + SETTLE_MILLIS <= System.currentTimeMillis()) {
      print("Loadbearing ", rate(phases.get(printed++)));
    }
  }

  /** A ramp under a second (BreakingPoint's between levels) has no whole second to count: not worth a line. */
  private static void print(String prefix, PhaseRate rate) {
    if (rate.seconds() > 0) {
      System.out.println(prefix + rate.line());
    }
  }

  private PhaseRate rate(Shape.Phase phase) {
    return PhaseRate.of(phase, loadStart.getAsLong(), LatencyTimeline::requestsInSecond);
  }
}
