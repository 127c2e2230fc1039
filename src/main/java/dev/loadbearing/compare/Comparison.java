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

  public static Comparison of(StatsReport baseline, String baselineSource, StatsReport current, String currentSource,
                              Tolerances tolerances) {
    List<Check> checks = new ArrayList<>();
    Map<String, Row> before = index(baseline);
    Map<String, Row> after = index(current);
    for (Map.Entry<String, Row> e : before.entrySet()) {
      Row now = after.get(e.getKey());
      if (now == null) {
        checks.add(new Check(e.getKey(), e.getValue().kind(), "-", "", (double) e.getValue().count(), null, "",
            Verdict.MISSING_IN_CURRENT, "in the baseline (" + e.getValue().count() + " requests), not in this run"));
      } else {
        compareRow(e.getValue(), now, tolerances, checks);
      }
    }
    for (Map.Entry<String, Row> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        checks.add(new Check(e.getKey(), e.getValue().kind(), "-", "", null, (double) e.getValue().count(), "",
            Verdict.NEW_IN_CURRENT, "in this run (" + e.getValue().count() + " requests), not in the baseline"));
      }
    }
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
      rows.put(row.kind().equals("group") ? "group " + row.key() : row.key(), row);
    }
    return rows;
  }

  private static void compareRow(Row base, Row now, Tolerances tolerances, List<Check> out) {
    String label = base.kind().equals("group") ? "group " + base.key() : base.key();
    for (String metric : tolerances.latencyMetrics()) {
      Limits l = tolerances.limitsFor(base.key(), base.name(), metric);
      double b = base.metric(metric);
      double c = now.metric(metric);
      double allowed = Math.max(b * (1 + l.latencyMaxIncreasePercent() / 100), b + l.latencyNoiseFloorMs());
      double better = Math.min(b * (1 - l.latencyMaxIncreasePercent() / 100), b - l.latencyNoiseFloorMs());
      Verdict v = c > allowed ? Verdict.REGRESSION : c < better ? Verdict.IMPROVEMENT : Verdict.PASS;
      v = judged(v, tolerances, metric, base, now);
      out.add(new Check(label, base.kind(), metric, "ms", b, c, "<= " + Check.format(round(allowed), "ms") + " ms",
          v, l.reason()));
    }
    Limits t = tolerances.limitsFor(base.key(), base.name(), "throughput");
    double b = base.meanRequestsPerSec();
    double c = now.meanRequestsPerSec();
    double floor = b * (1 - t.throughputMaxDropPercent() / 100);
    Verdict v = c < floor ? Verdict.REGRESSION
        : c > b * (1 + t.throughputMaxDropPercent() / 100) ? Verdict.IMPROVEMENT
        : Verdict.PASS;
    v = judged(v, tolerances, "throughput", base, now);
    out.add(new Check(label, base.kind(), "throughput", "req/s", b, c,
        ">= " + String.format(Locale.ROOT, "%.2f req/s", floor), v, t.reason()));
    Limits e = tolerances.limitsFor(base.key(), base.name(), "errorRate");
    double be = base.koPercent();
    double ce = now.koPercent();
    double ceiling = be + e.errorRateMaxIncreasePoints();
    Verdict ve = ce > ceiling + 1e-9 ? Verdict.REGRESSION
        : ce < be - e.errorRateMaxIncreasePoints() - 1e-9 ? Verdict.IMPROVEMENT
        : Verdict.PASS;
    ve = judged(ve, tolerances, "errorRate", base, now);
    out.add(new Check(label, base.kind(), "errorRate", "%", be, ce,
        "<= " + String.format(Locale.ROOT, "%.2f %%", ceiling), ve, e.reason()));
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
    if (better > 0) {
      s.append(", ").append(better).append(better == 1 ? " improvement" : " improvements");
    }
    if (missing > 0) {
      s.append(", ").append(missing).append(" missing in this run");
    }
    if (added > 0) {
      s.append(", ").append(added).append(" new in this run");
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
