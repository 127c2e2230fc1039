package dev.loadbearing.suite.support;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.LatencyTimeline;
import dev.loadbearing.suite.observe.LatencyTimeline.Window;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Verdicts that compare time windows of one run (before / during / after a spike, first / last tenth of a
 * soak), found by name among the phases of the profile's shape.
 */
public final class Windows {
  private Windows() {
  }

  /** The spike's p95 against the one before it, and the recovery's against the one before it. */
  public static List<Verdict> spike(Profiles.Spike p, Shape<?> shape, LongSupplier loadStart) {
    Shape.Phase before = shape.phase("before");
    Shape.Phase hold = shape.phase("hold");
    Shape.Phase recovery = shape.phase("recovery");
    Duration half = recovery.length().dividedBy(2);
    return List.of(
        new Verdict("p95 during the spike within the factor of p95 before it", () -> {
          Window ahead = window(loadStart, before.start(), before.length());
          Window during = window(loadStart, hold.start(), hold.length());
          double allowed = Math.max(ahead.p95() * p.spikeFactorMax(), ahead.p95() + p.floor().toMillis());
          return empty(ahead, during) != null ? empty(ahead, during) : during.p95() <= allowed ? null
              : String.format(Locale.ROOT, "p95 during the spike %d ms, before it %d ms: more than %.1f × "
                  + "(floor %d ms)", during.p95(), ahead.p95(), p.spikeFactorMax(), p.floor().toMillis());
        }),
        new Verdict("recovered p95 back within tolerance of p95 before the spike", () -> {
          Window ahead = window(loadStart, before.start(), before.length());
          Window recovered = window(loadStart, recovery.start().plus(half), half);
          return empty(ahead, recovered) != null ? empty(ahead, recovered)
              : within(recovered.p95(), ahead.p95(), p.recoveryTolerancePercent(), p.floor(),
                  "p95 in the second half of the recovery", "p95 before the spike");
        }));
  }

  /** The p95 of the soak hold's last tenth against its first tenth. */
  public static List<Verdict> soak(Profiles.Soak p, Shape<?> shape, LongSupplier loadStart) {
    Shape.Phase hold = shape.phase("hold");
    Duration tenth = hold.length().dividedBy(10);
    return List.of(new Verdict("p95 of the last tenth within tolerance of the first tenth", () -> {
      Window first = window(loadStart, hold.start(), tenth);
      Window last = window(loadStart, hold.end().minus(tenth), tenth);
      return empty(first, last) != null ? empty(first, last)
          : within(last.p95(), first.p95(), p.driftTolerancePercent(), p.floor(), "p95 of the last tenth",
              "p95 of the first tenth");
    }));
  }

  private static Window window(LongSupplier loadStart, Duration offset, Duration length) {
    long from = loadStart.getAsLong() + offset.toMillis();
    return LatencyTimeline.window(from, from + length.toMillis());
  }

  private static String empty(Window a, Window b) {
    return a.requests() == 0 || b.requests() == 0 ? "a window had no responses (" + a.requests() + " and "
        + b.requests() + "); lengthen the phases" : null;
  }

  private static String within(long value, long reference, double percent, Duration floor, String what,
                               String against) {
    double allowed = Math.max(reference * (1 + percent / 100), reference + floor.toMillis());
    return value <= allowed ? null : String.format(Locale.ROOT, "%s %d ms vs %s %d ms: more than %.0f %% above "
        + "(or %d ms, the floor)", what, value, against, reference, percent, floor.toMillis());
  }
}
