package dev.loadbearing.stats;

import dev.loadbearing.stats.StatsReport.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the stats of one test run by several injector processes into one report, exactly: counts, min and
 * max add up or combine exactly, and latency distributions are merged histogram by histogram (never by
 * averaging percentiles). Percentiles, mean and standard deviation of a merged row are read from the merged
 * HdrHistogram, so they are exact to its precision ({@value Distribution#SIGNIFICANT_DIGITS} significant
 * digits), not Gatling's t-digest.
 */
public final class StatsMerge {
  private StatsMerge() {
  }

  /** The histogram holding every sample of all the given encoded histograms. */
  public static Histogram mergeHistograms(List<String> encoded) {
    Histogram merged = Distribution.newHistogram();
    for (String e : encoded) {
      merged.add(Distribution.decode(e));
    }
    return merged;
  }

  /** One report for all injectors; run info from the first, end and duration spanning all. */
  public static StatsReport merge(List<StatsReport> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    StatsReport first = reports.get(0);
    long start = reports.stream().mapToLong(r -> r.run().start()).min().orElseThrow();
    long end = reports.stream().mapToLong(r -> r.run().end()).max().orElseThrow();
    int seconds = (int) Math.max(1, Math.ceil((end - start) / 1000.0));
    StatsReport.RunInfo r = first.run();
    StatsReport.RunInfo run = new StatsReport.RunInfo(r.simulation(), r.simulationClass(), r.gatlingVersion(),
        r.runFolder(), start, end, end - start, seconds, r.parameters(), r.target(), r.gitCommit(), r.machine(),
        String.join(",", reports.stream().map(x -> x.run().injector()).toList()), r.manifestFound());
    List<Row> global = mergeRows(reports.stream().map(x -> List.of(x.global())).toList(), seconds);
    List<Row> groups = mergeRows(reports.stream().map(StatsReport::groups).toList(), seconds);
    List<Row> requests = mergeRows(reports.stream().map(StatsReport::requests).toList(), seconds);
    return new StatsReport(run, global.get(0), groups, requests, List.of())
        .withLlm(LlmUsage.merge(reports.stream().map(StatsReport::llm).toList()));
  }

  /**
   * {@link #merge} with the SLAs of the parts re-judged on the merged rows. The server side's SLAs were judged
   * by each injector over its own sampling of the one service: merged, one passes only when it passed in every
   * part, and shows the first part's figure where none broke it, else the first breach's.
   */
  public static StatsReport mergeJudged(List<StatsReport> reports) {
    StatsReport merged = merge(reports);
    List<RunManifest.Sla> slas = new ArrayList<>();
    for (StatsReport.SlaResult sla : reports.get(0).slas() == null ? List.<StatsReport.SlaResult>of()
        : reports.get(0).slas()) {
      slas.add(sla.scope().equals("server") ? serverAcrossParts(sla, reports)
          : new RunManifest.Sla(sla.scope(), sla.metric(), sla.operator(), sla.threshold(), sla.reason(), null, null));
    }
    return new StatsReport(merged.run(), merged.global(), merged.groups(), merged.requests(),
        SlaEvaluator.evaluate(slas, merged.global(), merged.groups(), merged.requests())).withLlm(merged.llm());
  }

  private static RunManifest.Sla serverAcrossParts(StatsReport.SlaResult first, List<StatsReport> reports) {
    StatsReport.SlaResult shown = first;
    for (StatsReport report : reports) {
      for (StatsReport.SlaResult sla : report.slas()) {
        boolean same = sla.scope().equals(first.scope()) && sla.metric().equals(first.metric());
        if (same && !sla.passed() && shown.passed()) {
          shown = sla;
        }
      }
    }
    String note = "judged by each injector; merged: " + (shown.passed() ? "passed in every part" : "broken in a part");
    return new RunManifest.Sla(shown.scope(), shown.metric(), shown.operator(), shown.threshold(), shown.reason(),
        shown.actual(), shown.actual() == null ? shown.note() : note);
  }

  private static List<Row> mergeRows(List<List<Row>> perInjector, int seconds) {
    Map<String, List<Row>> byKey = new LinkedHashMap<>();
    for (List<Row> rows : perInjector) {
      for (Row row : rows) {
        byKey.computeIfAbsent(row.kind() + "\u0000" + row.key(), k -> new ArrayList<>()).add(row);
      }
    }
    List<Row> merged = new ArrayList<>();
    for (List<Row> rows : byKey.values()) {
      merged.add(mergeRow(rows, seconds));
    }
    return merged;
  }

  private static Row mergeRow(List<Row> rows, int seconds) {
    Row first = rows.get(0);
    long count = 0;
    long ok = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    Object statusCounts = null;
    List<String> histograms = new ArrayList<>();
    for (Row row : rows) {
      count += row.count();
      ok += row.ok();
      min = Math.min(min, row.min());
      max = Math.max(max, row.max());
      if (row.histogram() == null) {
        throw new IllegalArgumentException("row '" + row.key() + "' has no histogram: cannot merge exactly");
      }
      histograms.add(row.histogram());
      statusCounts = mergeStatus(statusCounts, row.statusCounts());
    }
    Histogram h = mergeHistograms(histograms);
    long ko = count - ok;
    return new Row(first.kind(), first.key(), first.groups(), first.name(), count, ok, ko,
        count == 0 ? 0 : 100.0 * ko / count, min, Math.round(h.getMean()), Math.round(h.getStdDeviation()), max,
        p(h, 50), p(h, 75), p(h, 90), p(h, 95), p(h, 99), p(h, 99.9), (double) count / seconds, statusCounts,
        Distribution.encode(h));
  }

  private static long p(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile);
  }

  @SuppressWarnings("unchecked")
  private static Object mergeStatus(Object acc, Object next) {
    if (next == null || acc instanceof String) {
      return acc;
    }
    if (next instanceof String) {
      return next;
    }
    Map<String, Long> sum = acc == null ? new TreeMap<>() : (Map<String, Long>) acc;
    ((Map<String, ?>) next).forEach((code, n) -> sum.merge(code, ((Number) n).longValue(), Long::sum));
    return sum;
  }
}
