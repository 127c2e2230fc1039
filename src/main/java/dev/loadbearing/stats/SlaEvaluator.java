package dev.loadbearing.stats;

import dev.loadbearing.stats.RunManifest.Sla;
import dev.loadbearing.stats.StatsReport.Row;
import dev.loadbearing.stats.StatsReport.SlaResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Judges a run manifest's SLAs against the computed rows; every SLA gets its actual value or a note why not. */
final class SlaEvaluator {
  private SlaEvaluator() {
  }

  static List<SlaResult> evaluate(List<Sla> slas, Row global, List<Row> groups, List<Row> requests) {
    List<SlaResult> results = new ArrayList<>();
    for (Sla sla : slas == null ? List.<Sla>of() : slas) {
      if (sla.judgedByTheRun()) {
        results.add(judgedByTheRun(sla));
        continue;
      }
      Row row = find(sla.scope(), global, groups, requests);
      if (row == null) {
        results.add(result(sla, null, false, "no request or group named '" + sla.scope() + "' in this run"));
        continue;
      }
      Double actual;
      try {
        actual = value(row, sla.metric());
      } catch (IllegalStateException e) {
        results.add(result(sla, null, false, e.getMessage()));
        continue;
      }
      if (actual == null) {
        results.add(result(sla, null, false, "unknown metric '" + sla.metric() + "'"));
        continue;
      }
      Boolean passed = compare(actual, sla.operator(), sla.threshold());
      if (passed == null) {
        results.add(result(sla, actual, false, "unknown operator '" + sla.operator() + "' (use lt lte gt gte eq)"));
      } else {
        results.add(result(sla, actual, passed, null));
      }
    }
    return results;
  }

  /** The server side: the run measured the figure; not judged (no figure) is recorded as such, never a failure. */
  private static SlaResult judgedByTheRun(Sla sla) {
    if (sla.actual() == null) {
      return new SlaResult(sla.scope(), sla.metric(), sla.operator(), sla.threshold(), sla.reason(), null, true,
          "not judged: " + sla.note(), false);
    }
    Boolean passed = compare(sla.actual(), sla.operator(), sla.threshold());
    return new SlaResult(sla.scope(), sla.metric(), sla.operator(), sla.threshold(), sla.reason(), sla.actual(),
        Boolean.TRUE.equals(passed), sla.note());
  }

  private static SlaResult result(Sla sla, Double actual, boolean passed, String note) {
    return new SlaResult(sla.scope(), sla.metric(), sla.operator(), sla.threshold(), sla.reason(), actual, passed,
        note);
  }

  private static Row find(String scope, Row global, List<Row> groups, List<Row> requests) {
    if (scope == null || scope.equals("global") || scope.equals(global.name())) {
      return global;
    }
    for (List<Row> rows : List.of(requests, groups)) {
      for (Row row : rows) {
        if (scope.equals(row.key())) {
          return row;
        }
      }
    }
    // A bare request name matches when it is unique across groups.
    Row match = null;
    for (Row row : requests) {
      if (scope.equals(row.name())) {
        if (match != null) {
          return null;
        }
        match = row;
      }
    }
    return match;
  }

  private static Double value(Row row, String metric) {
    if (metric.startsWith("status:")) {
      String[] parts = metric.split(":");
      if (parts.length != 3 || !(row.statusCounts() instanceof Map<?, ?> counts)) {
        throw new IllegalStateException("status counts are unknown for '" + row.key() + "' (no run manifest)");
      }
      long total = 0;
      long matching = 0;
      for (Map.Entry<?, ?> e : counts.entrySet()) {
        String code = String.valueOf(e.getKey());
        long n = ((Number) e.getValue()).longValue();
        total += n;
        boolean hit = parts[1].endsWith("xx") ? code.length() == 3 && code.charAt(0) == parts[1].charAt(0)
            : code.equals(parts[1]);
        if (hit) {
          matching += n;
        }
      }
      return switch (parts[2]) {
        case "count" -> (double) matching;
        case "percent" -> total == 0 ? 0.0 : 100.0 * matching / total;
        default -> null;
      };
    }
    return row.metric(metric);
  }

  private static Boolean compare(double actual, String operator, double threshold) {
    return switch (operator) {
      case "lt" -> actual < threshold;
      case "lte" -> actual <= threshold;
      case "gt" -> actual > threshold;
      case "gte" -> actual >= threshold;
      case "eq" -> actual == threshold;
      default -> null;
    };
  }
}
