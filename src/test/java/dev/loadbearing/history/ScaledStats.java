package dev.loadbearing.history;

import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.Row;
import dev.loadbearing.stats.StatsReport.RunInfo;

/** Real stats.json contents with their figures scaled, for histories made of real runs. */
public final class ScaledStats {
  private ScaledStats() {
  }

  /** {@code run} as another run ({@code folder}, {@code start}) with every latency of every row × {@code factor}. */
  public static StatsReport run(StatsReport run, double factor, String folder, long start) {
    RunInfo r = run.run();
    RunInfo info = new RunInfo(r.simulation(), r.simulationClass(), r.gatlingVersion(), folder, start,
        start + r.durationMillis(), r.durationMillis(), r.durationSeconds(), r.parameters(), r.target(), r.gitCommit(),
        r.machine(), r.injector(), r.manifestFound());
    return new StatsReport(run.schemaVersion(), info, latencies(run.global(), factor),
        run.groups().stream().map(g -> latencies(g, factor)).toList(),
        run.requests().stream().map(q -> latencies(q, factor)).toList(), run.slas(), null, run.server(),
        run.diagnosis(), run.llm(), run.chaos());
  }

  /** Every latency of {@code r} × {@code factor}, in whole milliseconds as Gatling's are. */
  static Row latencies(Row r, double factor) {
    return row(r, factor, factor, factor, factor, 1);
  }

  /** {@code r} with its p50, p95 and p99 (the other latencies × {@code others}) and throughput scaled. */
  static Row row(Row r, double others, double p50, double p95, double p99, double throughput) {
    return new Row(r.kind(), r.key(), r.groups(), r.name(), r.count(), r.ok(), r.ko(), r.koPercent(),
        Math.round(r.min() * others), Math.round(r.mean() * others), Math.round(r.stdDev() * others),
        Math.round(r.max() * others), Math.round(r.p50() * p50), Math.round(r.p75() * others),
        Math.round(r.p90() * others), Math.round(r.p95() * p95), Math.round(r.p99() * p99),
        Math.round(r.p999() * others), r.meanRequestsPerSec() * throughput, r.statusCounts(), r.histogram());
  }
}
