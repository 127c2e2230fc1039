package dev.loadbearing.diagnosis;

import dev.loadbearing.stats.LlmUsage;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.telemetry.TopStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Builds telemetry of made-up series: one point a second from {@link #START}. */
final class Synthetic {
  static final long START = 1_795_324_000_000L;

  private final int seconds;
  private final int cores;
  private final Map<String, Series> series = new HashMap<>();
  private final List<TopStatement> statements = new ArrayList<>();

  private Synthetic(int seconds, int cores) {
    this.seconds = seconds;
    this.cores = cores;
  }

  static Synthetic run(int seconds) {
    return new Synthetic(seconds, 2);
  }

  /** The value at second i, for every second of the run. */
  Synthetic with(String name, IntToDoubleFunction valueAt) {
    long[] times = new long[seconds];
    double[] values = new double[seconds];
    for (int i = 0; i < seconds; i++) {
      times[i] = START + 1000L * i;
      values[i] = valueAt.applyAsDouble(i);
    }
    series.put(name, new Series(name, times, values));
    return this;
  }

  Synthetic statement(String query, double sharePercent) {
    statements.add(new TopStatement(query, 100, 50 * sharePercent, 0.5 * sharePercent, 100, sharePercent));
    return this;
  }

  Telemetry telemetry() {
    return Telemetry.of(START, START + 1000L * seconds, 1000, cores, series, List.of(), statements);
  }

  /** A stats.json of a run over the same seconds, with these global status counts (null: "unknown"). */
  static StatsReport stats(long from, long to, Map<String, Long> statusCounts) {
    Object counts = statusCounts == null ? "unknown" : statusCounts;
    StatsReport.Row global = row("global", "All Requests", counts);
    StatsReport.Row products = row("request", "GET /api/products", counts);
    StatsReport.RunInfo run = new StatsReport.RunInfo("Load", "dev.loadbearing.suite.simulations.LoadSimulation",
        "3.15.1", "loadsimulation-1", from, to, to - from, (int) ((to - from) / 1000), Map.of(),
        "http://127.0.0.1:1", null, null, "test", statusCounts != null);
    return new StatsReport(run, global, List.of(), List.of(products), List.of());
  }

  /** Assistant chats of one journey on swift-llm: {@code timedOut} answered by the next, {@code exhausted} 503s. */
  static LlmUsage llm(long chats, long timedOut, long exhausted) {
    long answered = chats - exhausted;
    LlmUsage.Chats all = new LlmUsage.Chats(chats, answered, exhausted, timedOut, 10 * answered, 40 * answered,
        0.0007 * answered);
    LlmUsage.Provider swift = new LlmUsage.Provider(answered, answered - timedOut, 0, timedOut, 10 * answered,
        40 * answered, 0.0007 * answered);
    return new LlmUsage(all, Map.of("assistant", all), Map.of("swift-llm", swift), 0.5, 0.0014 * answered);
  }

  private static StatsReport.Row row(String kind, String name, Object counts) {
    return new StatsReport.Row(kind, name, List.of(), name, 1000, 1000, 0, 0, 1, 10, 2, 50, 10, 12, 15, 20, 30, 45,
        33.3, counts, null);
  }
}
