package dev.loadbearing.suite.support;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.LatencyTimeline;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Judges each BreakingPoint level when its hold ends, on a thread of its own (never on Gatling's event
 * loop): p95 and the share of 5xx/429 over the level's hold. The first breach flags the run to stop; the
 * last level that held is the last sustainable rate.
 */
public final class BreakingPointMonitor {
  private static final long GRACE_MILLIS = 300;

  private final Profiles.BreakingPoint profile;
  private final List<Shape.Phase> levels;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "breaking-point-monitor");
    thread.setDaemon(true);
    return thread;
  });
  private volatile int levelsHeld;
  private volatile String breach;
  private int judged;

  /** {@code shape}: the profile's shape, whose phases {@code level 1}, {@code level 2}, ... are judged. */
  public BreakingPointMonitor(Profiles.BreakingPoint profile, Shape<?> shape) {
    this.profile = profile;
    this.levels = shape.phases().stream().filter(phase -> phase.name().startsWith(Shapes.LEVEL)).toList();
  }

  /** Starts judging levels, each once it has ended; call when load starts ({@code loadStart} may still move). */
  public void start(LongSupplier loadStart) {
    clock.scheduleAtFixedRate(() -> {
      while (judged < levels.size()
          && loadStart.getAsLong() + levels.get(judged).end().toMillis() + GRACE_MILLIS <= System.currentTimeMillis()) {
        judge(judged++, loadStart.getAsLong());
      }
    }, 100, 100, TimeUnit.MILLISECONDS);
  }

  private void judge(int level, long loadStart) {
    if (breach != null) {
      return;
    }
    Shape.Phase phase = levels.get(level);
    long from = loadStart + phase.start().toMillis();
    LatencyTimeline.Window window = LatencyTimeline.window(from, from + phase.length().toMillis());
    double rate = profile.rateOf(level);
    String line = String.format(Locale.ROOT, "level %d at %.1f req/s: %d responses, p95 %d ms, %.2f %% 5xx/429",
        level + 1, rate, window.requests(), window.p95(), window.failedPercent());
    if (window.p95() >= profile.p95Limit().toMillis() || window.failedPercent() >= profile.failedPercentLimit()) {
      breach = line + String.format(Locale.ROOT, " breaks the SLA (p95 < %d ms, failures < %.1f %%)",
          profile.p95Limit().toMillis(), profile.failedPercentLimit());
      System.out.println("Loadbearing BreakingPoint: " + breach);
    } else {
      levelsHeld = level + 1;
      System.out.println("Loadbearing BreakingPoint: " + line + " holds");
    }
  }

  public boolean broken() {
    return breach != null;
  }

  public String breach() {
    return breach;
  }

  /** The rate of the last level that held, or 0 when even the first broke. */
  public double lastSustainableRate() {
    return levelsHeld == 0 ? 0 : profile.rateOf(levelsHeld - 1);
  }

  public boolean allLevelsHeld() {
    return levelsHeld == levels.size();
  }

  public void stop() {
    clock.shutdownNow();
  }
}
