package dev.loadbearing.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code stats.json} (schema version {@value #SCHEMA_VERSION}); documented in
 * docs/STATS-FORMAT.md and docs/stats.schema.json. Baselines are the same files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatsReport(int schemaVersion, RunInfo run, Row global, List<Row> groups, List<Row> requests,
                          List<SlaResult> slas, BaselineInfo baseline, JsonNode server, JsonNode diagnosis,
                          LlmUsage llm, JsonNode chaos) {

  /**
   * Version 2 adds {@code server} and {@code diagnosis}; both are absent in version 1 files and may be. The
   * optional {@code llm} and {@code chaos} sections came later within version 2: readers take files with or
   * without them.
   */
  public static final int SCHEMA_VERSION = 2;
  /** The versions readers accept. */
  public static final List<Integer> READABLE_VERSIONS = List.of(1, 2);

  /** A report without a chaos section (every profile but Chaos). */
  public StatsReport(int schemaVersion, RunInfo run, Row global, List<Row> groups, List<Row> requests,
                     List<SlaResult> slas, BaselineInfo baseline, JsonNode server, JsonNode diagnosis, LlmUsage llm) {
    this(schemaVersion, run, global, groups, requests, slas, baseline, server, diagnosis, llm, null);
  }

  /** A version-2 report without server side or diagnosis (no telemetry was recorded). */
  public StatsReport(RunInfo run, Row global, List<Row> groups, List<Row> requests, List<SlaResult> slas) {
    this(SCHEMA_VERSION, run, global, groups, requests, slas, null, null, null, null, null);
  }

  /** What was run, where and when. Times are epoch milliseconds. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RunInfo(String simulation, String simulationClass, String gatlingVersion, String runFolder,
                        long start, long end, long durationMillis, int durationSeconds,
                        Map<String, Object> parameters, String target, String gitCommit, Machine machine,
                        String injector, boolean manifestFound) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Machine(int cores, long memoryBytes, String os, String java) {
  }

  /**
   * One line of Gatling's statistics table. Latencies in ms, over OK and KO responses together, as in
   * Gatling's table. {@code statusCounts} is a map "status code" → count, or the string "unknown" when no
   * run manifest was found, or absent for groups.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(String kind, String key, List<String> groups, String name, long count, long ok, long ko,
                    double koPercent, long min, long mean, long stdDev, long max, long p50, long p75, long p90,
                    long p95, long p99, long p999, double meanRequestsPerSec, Object statusCounts,
                    String histogram) {

    /** A latency or rate by its comparator/SLA name ({@code p95}, {@code mean}, {@code koPercent}...). */
    public Double metric(String metric) {
      return switch (metric) {
        case "count" -> (double) count;
        case "min" -> (double) min;
        case "mean" -> (double) mean;
        case "stdDev" -> (double) stdDev;
        case "max" -> (double) max;
        case "p50" -> (double) p50;
        case "p75" -> (double) p75;
        case "p90" -> (double) p90;
        case "p95" -> (double) p95;
        case "p99" -> (double) p99;
        case "p999" -> (double) p999;
        case "koPercent", "failedPercent", "errorRate" -> koPercent;
        case "successPercent" -> count == 0 ? 0.0 : 100.0 - koPercent;
        case "failedCount" -> (double) ko;
        case "meanRequestsPerSec", "requestsPerSecond", "throughput" -> meanRequestsPerSec;
        default -> null;
      };
    }
  }

  /**
   * An SLA from the run manifest with the value this run actually reached. {@code judged} is false only for an
   * SLA the run could not judge (a server-side series it did not sample): then {@code passed} is true, without
   * {@code actual}, and {@code note} says why; absent otherwise.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SlaResult(String scope, String metric, String operator, double threshold, String reason,
                          Double actual, boolean passed, String note, Boolean judged) {

    public SlaResult(String scope, String metric, String operator, double threshold, String reason, Double actual,
                     boolean passed, String note) {
      this(scope, metric, operator, threshold, reason, actual, passed, note, null);
    }
  }

  /** Present only in baselines: when and from which run (on which machine) it was promoted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BaselineInfo(long promotedAt, String fromRun, Machine machine, String injector) {
  }

  public StatsReport withBaseline(BaselineInfo info) {
    return new StatsReport(schemaVersion, run, global, groups, requests, slas, info, server, diagnosis, llm, chaos);
  }

  /** With the assistant chats' spend (null: the run sent none). */
  public StatsReport withLlm(LlmUsage usage) {
    return new StatsReport(schemaVersion, run, global, groups, requests, slas, baseline, server, diagnosis, usage,
        chaos);
  }

  /**
   * With a Chaos run's fault windows, recovery times and audit (their shape is the suite's: docs/STATS-FORMAT.md);
   * null for every other run.
   */
  public StatsReport withChaos(JsonNode section) {
    return new StatsReport(schemaVersion, run, global, groups, requests, slas, baseline, server, diagnosis, llm,
        section);
  }

  /**
   * With the server-side summary and the diagnosis (written by dev.loadbearing.diagnosis, which owns their
   * shape: docs/STATS-FORMAT.md); the stats layer only carries them.
   */
  public StatsReport withServerSide(JsonNode serverSummary, JsonNode diagnosisSection) {
    return new StatsReport(SCHEMA_VERSION, run, global, groups, requests, slas, baseline, serverSummary,
        diagnosisSection, llm, chaos);
  }

  /** Every row, whole run first, then groups, then requests. */
  public List<Row> rows() {
    List<Row> all = new java.util.ArrayList<>();
    all.add(global);
    all.addAll(groups);
    all.addAll(requests);
    return all;
  }
}
