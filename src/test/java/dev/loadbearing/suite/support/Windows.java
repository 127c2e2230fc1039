package dev.loadbearing.suite.support;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.LatencyTimeline;
import dev.loadbearing.suite.observe.LatencyTimeline.Window;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Verdicts that compare time windows of one run (before / during / after a spike, first / last tenth of a soak). */
public final class Windows {
  private Windows() {
  }

  /** The spike's p95 against the one before it, and the recovery's against the one before it. */
  public static List<Verdict> spike(Profiles.Spike p, LongSupplier loadStart) {
    long ramp = Shapes.rampLength(p.spikeRamp()).toMillis();
    return List.of(
        new Verdict("p95 during the spike within the factor of p95 before it", () -> {
          long start = loadStart.getAsLong();
          Window before = window(start, 0, p.before());
          Window during = window(start, p.before().toMillis() + ramp, p.hold());
          double allowed = Math.max(before.p95() * p.spikeFactorMax(), before.p95() + p.floor().toMillis());
          return empty(before, during) != null ? empty(before, during) : during.p95() <= allowed ? null
              : String.format(Locale.ROOT, "p95 during the spike %d ms, before it %d ms: more than %.1f × (floor %d ms)",
                  during.p95(), before.p95(), p.spikeFactorMax(), p.floor().toMillis());
        }),
        new Verdict("recovered p95 back within tolerance of p95 before the spike", () -> {
          long start = loadStart.getAsLong();
          Window before = window(start, 0, p.before());
          long recoveryStart = p.before().toMillis() + ramp + p.hold().toMillis() + Shapes.rampLength(p.rampBack()).toMillis();
          long half = p.recovery().toMillis() / 2;
          Window recovered = window(start, recoveryStart + half, Duration.ofMillis(half));
          return empty(before, recovered) != null ? empty(before, recovered)
              : within(recovered.p95(), before.p95(), p.recoveryTolerancePercent(), p.floor(),
                  "p95 in the second half of the recovery", "p95 before the spike");
        }));
  }

  /** The p95 of the soak hold's last tenth against its first tenth. */
  public static List<Verdict> soak(Profiles.Soak p, LongSupplier loadStart) {
    return List.of(new Verdict("p95 of the last tenth within tolerance of the first tenth", () -> {
      long holdStart = loadStart.getAsLong() + Shapes.rampLength(p.ramp()).toMillis();
      Duration tenth = p.duration().dividedBy(10);
      Window first = window(holdStart, 0, tenth);
      Window last = window(holdStart, p.duration().toMillis() - tenth.toMillis(), tenth);
      return empty(first, last) != null ? empty(first, last)
          : within(last.p95(), first.p95(), p.driftTolerancePercent(), p.floor(), "p95 of the last tenth",
              "p95 of the first tenth");
    }));
  }

  private static Window window(long origin, long offsetMillis, Duration length) {
    long from = origin + offsetMillis;
    return LatencyTimeline.window(from, from + length.toMillis());
  }

  private static String empty(Window a, Window b) {
    return a.requests() == 0 || b.requests() == 0 ? "a window had no responses (" + a.requests() + " and "
        + b.requests() + "); lengthen the phases" : null;
  }

  private static String within(long value, long reference, double percent, Duration floor, String what, String against) {
    double allowed = Math.max(reference * (1 + percent / 100), reference + floor.toMillis());
    return value <= allowed ? null : String.format(Locale.ROOT, "%s %d ms vs %s %d ms: more than %.0f %% above "
        + "(or %d ms, the floor)", what, value, against, reference, percent, floor.toMillis());
  }
}
