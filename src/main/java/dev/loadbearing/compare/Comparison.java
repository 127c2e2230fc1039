package dev.loadbearing.compare;

import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.compare.Tolerances.Limits;
import dev.loadbearing.diagnosis.Validity;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.Row;
import dev.loadbearing.stats.StatsReport.SlaResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Baseline against current, request by request and metric by metric, then the server-side figures
 * ({@link ServerChecks}), then a {@link Verdict#NOT_VALID} line for a side that measured its load generator.
 * Pure logic: no files, no printing.
 */
public record Comparison(String simulation, StatsReport baseline, StatsReport current, String baselineSource,
                         String currentSource, List<Check> checks, Tolerances tolerances) {
  /** The kind of the line saying one side measured its load generator. */
  static final String VALIDITY = "validity";

  /**
   * How far a figure may move by run-to-run noise alone, in its unit, beyond which the tolerance must also be
   * exceeded to count; 0 against one baseline, the spread of the last runs against a history.
   */
  @FunctionalInterface
  public interface Noise {
    Noise NONE = (row, metric) -> 0;

    double of(String row, String metric);
  }

  public static Comparison of(StatsReport baseline, String baselineSource, StatsReport current, String currentSource,
                              Tolerances tolerances) {
    return of(baseline, baselineSource, current, currentSource, tolerances, Noise.NONE, List.of());
  }

  /**
   * As {@link #of(StatsReport, String, StatsReport, String, Tolerances)}, a change counting only beyond both the
   * tolerance and {@code noise}, with {@code extra} checks (a history's drift lines) after the requests' own.
   */
  public static Comparison of(StatsReport baseline, String baselineSource, StatsReport current, String currentSource,
                              Tolerances tolerances, Noise noise, List<Check> extra) {
    List<Check> checks = new ArrayList<>();
    Map<String, Row> before = index(baseline);
    Map<String, Row> after = index(current);
    for (Map.Entry<String, Row> e : before.entrySet()) {
      Row now = after.get(e.getKey());
      if (now == null) {
        checks.add(new Check(e.getKey(), e.getValue().kind(), "-", "", (double) e.getValue().count(), null, "",
            Verdict.MISSING_IN_CURRENT, "in the baseline (" + e.getValue().count() + " requests), not in this run"));
      } else {
        compareRow(e.getValue(), now, tolerances, noise, checks);
      }
    }
    for (Map.Entry<String, Row> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        checks.add(new Check(e.getKey(), e.getValue().kind(), "-", "", null, (double) e.getValue().count(), "",
            Verdict.NEW_IN_CURRENT, "in this run (" + e.getValue().count() + " requests), not in the baseline"));
      }
    }
    checks.addAll(extra);
    for (SlaResult sla : current.slas() == null ? List.<SlaResult>of() : current.slas()) {
      String metric = sla.metric() + " " + sla.operator() + " " + Check.format(sla.threshold(), "");
      Verdict verdict = sla.passed()
          ? Verdict.PASS
          : (tolerances.failOnBrokenSla() ? Verdict.SLA_BROKEN : Verdict.PASS);
      String note = sla.note() != null ? sla.note() : (sla.passed() ? sla.reason() : "SLA broken");
      checks.add(new Check(sla.scope(), "sla", metric, "", null, sla.actual(), sla.operator() + " "
          + Check.format(sla.threshold(), ""), verdict, note));
    }
    checks.addAll(ServerChecks.of(baseline, current, tolerances));
    checks.addAll(ServerChecks.llm(baseline, current, tolerances));
    validity(baseline, "the baseline", checks);
    validity(current, "this run", checks);
    String simulation = current.run() != null ? current.run().simulation() : "?";
    return new Comparison(simulation, baseline, current, baselineSource, currentSource, List.copyOf(checks),
        tolerances);
  }

  /** A line saying so when {@code side} measured its load generator rather than the target. */
  private static void validity(StatsReport report, String side, List<Check> out) {
    Validity.invalidBecause(report.diagnosis()).ifPresent(why -> out.add(new Check(side, VALIDITY,
        "measured the target", "", null, null, "", Verdict.NOT_VALID, why)));
  }

  private static Map<String, Row> index(StatsReport report) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : report.rows()) {
      rows.put(label(row), row);
    }
    return rows;
  }

  private static void compareRow(Row base, Row now, Tolerances tolerances, Noise noise, List<Check> out) {
    String label = label(base);
    for (String metric : tolerances.latencyMetrics()) {
      Limits l = tolerances.limitsFor(base.key(), base.name(), metric);
      double b = base.metric(metric);
      double c = now.metric(metric);
      double margin = Math.max(latencyMargin(b, l), noise.of(label, metric));
      Verdict v = c > b + margin ? Verdict.REGRESSION : c < b - margin ? Verdict.IMPROVEMENT : Verdict.PASS;
      v = judged(v, tolerances, metric, base, now);
      out.add(new Check(label, base.kind(), metric, "ms", b, c,
          "<= " + Check.format(round(b + margin), "ms") + " ms" + spreadMark(margin, latencyMargin(b, l)), v,
          l.reason()));
    }
    Limits t = tolerances.limitsFor(base.key(), base.name(), "throughput");
    double b = base.meanRequestsPerSec();
    double c = now.meanRequestsPerSec();
    double dropMargin = Math.max(throughputMargin(b, t), noise.of(label, "throughput"));
    Verdict v = c < b - dropMargin ? Verdict.REGRESSION : c > b + dropMargin ? Verdict.IMPROVEMENT : Verdict.PASS;
    v = judged(v, tolerances, "throughput", base, now);
    out.add(new Check(label, base.kind(), "throughput", "req/s", b, c,
        ">= " + String.format(Locale.ROOT, "%.2f req/s", b - dropMargin)
            + spreadMark(dropMargin, throughputMargin(b, t)), v, t.reason()));
    Limits e = tolerances.limitsFor(base.key(), base.name(), "errorRate");
    double be = base.koPercent();
    double ce = now.koPercent();
    double points = Math.max(e.errorRateMaxIncreasePoints(), noise.of(label, "errorRate"));
    Verdict ve = ce > be + points + 1e-9 ? Verdict.REGRESSION
        : ce < be - points - 1e-9 ? Verdict.IMPROVEMENT
        : Verdict.PASS;
    ve = judged(ve, tolerances, "errorRate", base, now);
    out.add(new Check(label, base.kind(), "errorRate", "%", be, ce,
        "<= " + String.format(Locale.ROOT, "%.2f %%", be + points)
            + spreadMark(points, e.errorRateMaxIncreasePoints()), ve, e.reason()));
  }

  /** How much a latency of {@code b} ms may grow (or shrink, to be "better") under the tolerance alone. */
  static double latencyMargin(double b, Limits l) {
    return Math.max(b * l.latencyMaxIncreasePercent() / 100, l.latencyNoiseFloorMs());
  }

  /** How much a throughput of {@code b} req/s may drop under the tolerance alone. */
  static double throughputMargin(double b, Limits l) {
    return b * l.throughputMaxDropPercent() / 100;
  }

  /** Marks a limit that the run-to-run spread set, wider than the tolerance. */
  private static String spreadMark(double margin, double toleranceMargin) {
    return margin > toleranceMargin ? " (spread)" : "";
  }

  static String label(Row row) {
    return row.kind().equals("group") ? "group " + row.key() : row.key();
  }

  /** A verdict stands only when both sides have enough samples for the metric to mean something. */
  private static Verdict judged(Verdict verdict, Tolerances tolerances, String metric, Row base, Row now) {
    boolean enough = tolerances.enoughSamples(metric, base.count()) && tolerances.enoughSamples(metric, now.count());
    return enough || verdict == Verdict.PASS ? verdict : Verdict.FEW_SAMPLES;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> c.fails(tolerances)).toList();
  }

  public long count(Verdict verdict) {
    return checks.stream().filter(c -> c.verdict() == verdict).count();
  }

  public boolean regressed() {
    return !failures().isEmpty();
  }

  /** The checks of requests, groups, the whole run and SLAs. */
  public List<Check> requestChecks() {
    return checks.stream().filter(k -> !k.isServer()).toList();
  }

  /** The server-side checks, including the lines saying why a figure was skipped. */
  public List<Check> serverChecks() {
    return checks.stream().filter(Check::isServer).toList();
  }

  /** One line such as "2 regressions, 1 improvement (30 checks)", or "... (30 checks, 1 skipped)". */
  public String summary() {
    long failures = failures().size();
    StringBuilder s = new StringBuilder(
        failures == 0 ? "No regression" : failures + (failures == 1 ? " regression" : " regressions"));
    long better = count(Verdict.IMPROVEMENT);
    long missing = count(Verdict.MISSING_IN_CURRENT);
    long added = count(Verdict.NEW_IN_CURRENT);
    long unjudged = count(Verdict.FEW_SAMPLES);
    long drifting = count(Verdict.DRIFT);
    if (better > 0) {
      s.append(", ").append(better).append(better == 1 ? " improvement" : " improvements");
    }
    if (missing > 0) {
      s.append(", ").append(missing).append(" missing in this run");
    }
    if (added > 0) {
      s.append(", ").append(added).append(" new in this run");
    }
    if (drifting > 0) {
      s.append(", ").append(drifting).append(" drifting (warning)");
    }
    if (unjudged > 0) {
      s.append(", ").append(unjudged).append(" not judged (few samples)");
    }
    long skipped = count(Verdict.SKIPPED);
    s.append(" (").append(checks.size() - skipped).append(" checks");
    if (skipped > 0) {
      s.append(", ").append(skipped).append(" skipped");
    }
    s.append(")");
    for (Check k : checks) {
      if (k.verdict() == Verdict.NOT_VALID) {
        s.append("; NOT VALID: ").append(k.row()).append(" measured the load generator, not the target");
      }
    }
    return s.toString();
  }
}
