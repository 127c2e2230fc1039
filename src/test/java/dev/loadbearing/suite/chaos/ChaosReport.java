package dev.loadbearing.suite.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a Chaos run found: each fault's window and recovery, the errors against the windows, and the audit.
 *
 * @param faults   in the schedule's order
 * @param errors   error responses judged against every window
 * @param unkept   error responses counted but not kept (beyond the recorder's bound); judged as outside
 * @param audit    the database read back; empty when the target was not launched here
 */
public record ChaosReport(List<Fault> faults, ErrorsInWindows errors, long unkept, Optional<OrderAudit.Result> audit) {

  /**
   * One fault as it ran.
   *
   * @param window         its planned, begin and end times
   * @param errorResponses error responses overlapping it (with the grace)
   * @param recoveryMs     from its end until traffic was within its SLAs again; null when it never was
   */
  public record Fault(FaultWindow window, long errorResponses, Long recoveryMs) {
  }

  String faultProblem() {
    List<String> problems = new ArrayList<>();
    for (Fault fault : faults) {
      FaultWindow w = fault.window();
      if (w.problem() != null) {
        problems.add(w.name() + ": " + w.problem());
      } else if (w.beganAt() == 0 || w.endedAt() == 0) {
        problems.add(w.name() + ": " + (w.beganAt() == 0 ? "never began (the load ended first)" : "never ended"));
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** The errors verdict; error responses beyond the recorder's bound cannot be placed, so they fail it too. */
  String errorProblem(long origin) {
    String problem = errors.problem(origin);
    if (problem == null && unkept > 0) {
      return unkept + " error responses beyond the recorder's bound could not be placed in a window";
    }
    return problem;
  }

  String recoveryProblem(Duration bound) {
    List<String> slow = new ArrayList<>();
    for (Fault fault : faults) {
      if (fault.recoveryMs() == null) {
        slow.add(fault.window().name() + " never recovered before the next fault or the end of load");
      } else if (fault.recoveryMs() > bound.toMillis()) {
        slow.add(String.format(Locale.ROOT, "%s recovered after %.1f s", fault.window().name(),
            fault.recoveryMs() / 1000.0));
      }
    }
    return slow.isEmpty() ? null : String.join("; ", slow) + " (bound " + bound.toMillis() / 1000.0 + " s)";
  }

  /** The {@code Loadbearing chaos: ...} lines: one per fault, then the errors and the audit. */
  void print(long origin, Duration bound) {
    for (Fault fault : faults) {
      FaultWindow w = fault.window();
      System.out.println(String.format(Locale.ROOT, "Loadbearing chaos: fault %s (%s) %.1f-%.1f s: %d error "
              + "responses; recovery %s (bound %.1f s)", w.name(), w.description(), seconds(w.beganAt(), origin),
          seconds(w.endedAt(), origin), fault.errorResponses(), fault.recoveryMs() == null ? "never"
              : String.format(Locale.ROOT, "%.1f s", fault.recoveryMs() / 1000.0), bound.toMillis() / 1000.0));
    }
    System.out.println("Loadbearing chaos: error responses: " + errors.inside() + " inside fault windows, "
        + (errors.outside() + unkept) + " outside, " + errors.notRetryable() + " 5xx not a 503 with Retry-After");
    audit.ifPresent(result -> System.out.println("Loadbearing chaos: audit: " + result.line()));
  }

  /** For the run manifest and stats.json: plain values, times from {@code origin} in ms. */
  public Map<String, Object> toManifest(long origin, Duration bound) {
    List<Map<String, Object>> windows = new ArrayList<>();
    for (Fault fault : faults) {
      FaultWindow w = fault.window();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", w.name());
      row.put("kind", w.kind());
      row.put("description", w.description());
      row.put("beganAt", w.beganAt());
      row.put("endedAt", w.endedAt());
      row.put("errorResponses", fault.errorResponses());
      row.put("recoveryMs", fault.recoveryMs());
      row.put("recoveryBoundMs", bound.toMillis());
      row.put("problem", w.problem());
      windows.add(row);
    }
    Map<String, Object> chaos = new LinkedHashMap<>();
    chaos.put("loadStartedAt", origin);
    chaos.put("faults", windows);
    chaos.put("errorResponses", Map.of("insideWindows", errors.inside(), "outsideWindows", errors.outside() + unkept,
        "notRetryable", errors.notRetryable()));
    chaos.put("audit", audit.map(OrderAudit.Result::toManifest).orElse(null));
    return chaos;
  }

  private static double seconds(long at, long origin) {
    return at == 0 ? Double.NaN : (at - origin) / 1000.0;
  }
}
