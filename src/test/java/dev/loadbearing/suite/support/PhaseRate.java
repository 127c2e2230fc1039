package dev.loadbearing.suite.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The request rate a phase achieved: responses received per second, over the whole seconds of wall clock
 * that lie inside the phase (a partial second at either edge would skew a short phase's rate).
 *
 * @param phase    the phase measured
 * @param requests responses received in those whole seconds
 * @param seconds  how many whole seconds lie inside the phase
 */
public record PhaseRate(Shape.Phase phase, long requests, long seconds) {

  /** {@code requestsInSecond}: responses received in a second of epoch time (its number, not millis). */
  public static PhaseRate of(Shape.Phase phase, long loadStartMillis, LongUnaryOperator requestsInSecond) {
    long from = Math.floorDiv(loadStartMillis + phase.start().toMillis() + 999, 1000);
    long to = Math.floorDiv(loadStartMillis + phase.end().toMillis(), 1000);
    long requests = 0;
    for (long second = from; second < to; second++) {
      requests += requestsInSecond.applyAsLong(second);
    }
    return new PhaseRate(phase, requests, Math.max(0, to - from));
  }

  /** Responses per second; NaN when no whole second lies inside the phase. */
  public double perSecond() {
    return seconds == 0 ? Double.NaN : requests / (double) seconds;
  }

  /** For the console: {@code phase hold, 3.0-18.0 s: 39.7 req/s (596 responses in 15 s)}. */
  public String line() {
    return String.format(Locale.ROOT, "phase %s, %.1f-%.1f s: %s", phase.name(), phase.start().toMillis() / 1000.0,
        phase.end().toMillis() / 1000.0, seconds == 0 ? "too short to measure"
            : String.format(Locale.ROOT, "%.1f req/s (%d responses in %d s)", perSecond(), requests, seconds));
  }

  /** For the run manifest's {@code phases}. */
  public Map<String, Object> manifest() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", phase.name());
    entry.put("startMs", phase.start().toMillis());
    entry.put("lengthMs", phase.length().toMillis());
    entry.put("requests", requests);
    entry.put("seconds", seconds);
    entry.put("requestsPerSecond", seconds == 0 ? null : Math.round(perSecond() * 10) / 10.0);
    return entry;
  }
}
