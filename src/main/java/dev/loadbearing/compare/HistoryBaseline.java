package dev.loadbearing.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.compare.Tolerances.Limits;
import dev.loadbearing.history.Drift;
import dev.loadbearing.history.Spread;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.Row;
import dev.loadbearing.stats.StatsReport.RunInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The last K runs of a history as the comparator's baseline: a reference run whose every figure is the median
 * of those runs, the run-to-run spread of each figure (a change counts only beyond both it and the tolerance),
 * and the drift lines of the whole run's figures over the last N runs. Pure logic: no files, no printing.
 *
 * @param reference the median run (rows, server figures), shown as "the baseline" in every output
 * @param noise     K × 1.4826 × MAD of each row's figure over the K runs ({@link Spread#noise()})
 * @param drift     one line per whole-run figure that crept steadily ({@link Drift}); empty when none did
 */
public record HistoryBaseline(StatsReport reference, Comparison.Noise noise, List<Check> drift) {

  /** The whole-run figures drift is looked for in: latencies first, then throughput (which drifts down). */
  private static final String THROUGHPUT = "throughput";

  /**
   * @param previous  the runs before the newest, oldest first, at least K (the last K make the reference)
   * @param current   the newest run, judged
   * @param k         how many of the last runs make the reference and the spread
   * @param driftRuns over how many runs (the newest included) drift is looked for; 0: not at all
   */
  public static HistoryBaseline of(List<StatsReport> previous, StatsReport current, int k, int driftRuns,
                                   Tolerances tolerances) {
    List<StatsReport> last = previous.subList(Math.max(0, previous.size() - k), previous.size());
    Map<String, Map<String, Spread>> spreads = new HashMap<>();
    StatsReport reference = median(last, spreads);
    Comparison.Noise noise = (row, metric) -> {
      Spread s = spreads.getOrDefault(row, Map.of()).get(metric);
      return s == null ? 0 : s.noise();
    };
    List<StatsReport> series = new ArrayList<>(previous.subList(Math.max(0, previous.size() - driftRuns + 1),
        previous.size()));
    series.add(current);
    List<Check> drift = driftRuns == 0 ? List.of() : drift(series, tolerances);
    return new HistoryBaseline(reference, noise, drift);
  }

  /** A run whose rows hold the medians of {@code runs}' rows (matched by key); spreads go into {@code spreads}. */
  private static StatsReport median(List<StatsReport> runs, Map<String, Map<String, Spread>> spreads) {
    StatsReport newest = runs.get(runs.size() - 1);
    Map<String, List<Row>> byKey = new LinkedHashMap<>();
    for (StatsReport run : runs) {
      for (Row row : run.rows()) {
        byKey.computeIfAbsent(Comparison.label(row), x -> new ArrayList<>()).add(row);
      }
    }
    Map<String, Row> medians = new LinkedHashMap<>();
    byKey.forEach((label, rows) -> {
      Map<String, Spread> s = new HashMap<>();
      for (String metric : List.of("p50", "p75", "p90", "p95", "p99", "p999", "min", "mean", "stdDev", "max")) {
        s.put(metric, spread(rows, r -> r.metric(metric)));
      }
      s.put(THROUGHPUT, spread(rows, Row::meanRequestsPerSec));
      s.put("errorRate", spread(rows, Row::koPercent));
      spreads.put(label, s);
      Row last = rows.get(rows.size() - 1);
      medians.put(label, new Row(last.kind(), last.key(), last.groups(), last.name(), round(rows, Row::count),
          round(rows, Row::ok), round(rows, Row::ko), s.get("errorRate").median(), Math.round(s.get("min").median()),
          Math.round(s.get("mean").median()), Math.round(s.get("stdDev").median()), Math.round(s.get("max").median()),
          Math.round(s.get("p50").median()), Math.round(s.get("p75").median()), Math.round(s.get("p90").median()),
          Math.round(s.get("p95").median()), Math.round(s.get("p99").median()), Math.round(s.get("p999").median()),
          s.get(THROUGHPUT).median(), last.statusCounts(), last.histogram()));
    });
    List<Row> rows = new ArrayList<>(medians.values());
    Row global = rows.remove(0);
    RunInfo n = newest.run();
    String folders = runs.get(0).run().runFolder() + " … " + n.runFolder();
    RunInfo info = new RunInfo(n.simulation(), n.simulationClass(), n.gatlingVersion(),
        "median of " + runs.size() + " runs: " + folders, n.start(), n.end(), n.durationMillis(), n.durationSeconds(),
        n.parameters(), n.target(), null, n.machine(), n.injector(), n.manifestFound());
    // The reference has no diagnosis (the runs that measured their load generator were left out before) and no SLAs
    // (only the current run's SLAs are judged).
    return new StatsReport(newest.schemaVersion(), info, global, rows.stream().filter(r -> r.kind().equals("group"))
        .toList(), rows.stream().filter(r -> !r.kind().equals("group")).toList(), List.of(), null,
        medianServer(runs), null, newest.llm(), null);
  }

  private static Spread spread(List<Row> rows, ToDoubleFunction<Row> figure) {
    return Spread.of(rows.stream().mapToDouble(figure).toArray());
  }

  private static long round(List<Row> rows, ToDoubleFunction<Row> figure) {
    return Math.round(spread(rows, figure).median());
  }

  /**
   * The newest run's server section with each figure ({@code figures.*}) and series slope replaced by its median
   * over the runs that have it; null when the newest run has none (then the server side is skipped, saying so).
   */
  private static JsonNode medianServer(List<StatsReport> runs) {
    JsonNode newest = runs.get(runs.size() - 1).server();
    if (newest == null || !newest.isObject()) {
      return newest;
    }
    ObjectNode server = newest.deepCopy();
    replaceByMedian(server.path("figures"), runs, List.of("figures"));
    JsonNode series = server.path("series");
    for (Iterator<String> names = series.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode one = series.path(name);
      if (one.isObject()) {
        double[] slopes = numbers(runs, List.of("series", name, "slopePerMinute"));
        if (slopes.length > 0) {
          ((ObjectNode) one).put("slopePerMinute", Spread.median(slopes));
        }
      }
    }
    return server;
  }

  private static void replaceByMedian(JsonNode section, List<StatsReport> runs, List<String> path) {
    if (!section.isObject()) {
      return;
    }
    List<String> names = new ArrayList<>();
    section.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      List<String> where = new ArrayList<>(path);
      where.add(name);
      double[] values = numbers(runs, where);
      if (section.path(name).isNumber() && values.length > 0) {
        ((ObjectNode) section).put(name, Spread.median(values));
      }
    }
  }

  /** The number at {@code path} under each run's server section, for the runs that have one there. */
  private static double[] numbers(List<StatsReport> runs, List<String> path) {
    return runs.stream().filter(r -> r.server() != null).map(r -> {
      JsonNode node = r.server();
      for (String step : path) {
        node = node.path(step);
      }
      return node;
    }).filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
  }

  /**
   * A line per whole-run figure that rose (throughput: fell) run after run over {@code series} beyond chance:
   * a {@link Verdict#REGRESSION} when the fitted creep from the first run to the newest exceeds the tolerance,
   * a {@link Verdict#DRIFT} warning otherwise. Figures some run has too few samples for are left out.
   */
  static List<Check> drift(List<StatsReport> series, Tolerances tolerances) {
    List<Check> out = new ArrayList<>();
    if (series.size() < Drift.MIN_RUNS) {
      return out;
    }
    List<String> metrics = new ArrayList<>(tolerances.latencyMetrics());
    metrics.add(THROUGHPUT);
    for (String metric : metrics) {
      if (!series.stream().allMatch(r -> tolerances.enoughSamples(metric, r.global().count()))) {
        continue;
      }
      Drift d = Drift.of(series.stream().mapToDouble(r -> r.global().metric(metric)).toArray());
      boolean latency = !metric.equals(THROUGHPUT);
      if (!d.significant(latency)) {
        continue;
      }
      Row global = series.get(series.size() - 1).global();
      Limits l = tolerances.limitsFor(global.key(), global.name(), metric);
      double allowed = latency ? Comparison.latencyMargin(d.start(), l) : Comparison.throughputMargin(d.start(), l);
      double creep = latency ? d.end() - d.start() : d.start() - d.end();
      String unit = latency ? "ms" : "req/s";
      String limit = (latency ? "<= " : ">= ") + String.format(Locale.ROOT, "%.2f %s",
          latency ? d.start() + allowed : d.start() - allowed, unit) + " over " + d.runs() + " runs";
      String note = String.format(Locale.ROOT, "steady %s over the last %d runs: %+.2f %s per run (Theil-Sen), "
              + "Mann-Kendall z = %.2f; %s", latency ? "rise" : "fall", d.runs(), d.slope(), unit, d.z(),
          creep > allowed ? "the creep exceeds the tolerance" : "within the tolerance so far");
      out.add(new Check(global.key(), global.kind(), metric + " drift", unit, round2(d.start()), round2(d.end()),
          limit, creep > allowed ? Verdict.REGRESSION : Verdict.DRIFT, note));
    }
    return out;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
