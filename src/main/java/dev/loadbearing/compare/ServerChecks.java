package dev.loadbearing.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.compare.Tolerances.Relative;
import dev.loadbearing.stats.LlmUsage;
import dev.loadbearing.stats.StatsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The server-side figures of two stats.json files ({@code server}, schema version 2) against
 * {@code compare.server} in compare.conf: CPU, GC share and database time per request, and the slope of the
 * service's heap after GC. A figure absent on either side is one {@link Verdict#SKIPPED} line saying why, never
 * a 0 and never a failure. Pure logic: no files, no printing.
 */
final class ServerChecks {
  /** The series whose slope is compared: the service's heap right after the latest collection, in bytes. */
  static final String HEAP_AFTER_GC = "target.jvm_memory_heap_after_gc_bytes";
  static final String KIND = "server";
  private static final double MB = 1024 * 1024;

  /** One relative figure of {@code server.figures}, shown as {@code scale × value} in {@code unit}. */
  private record Figure(String row, String metric, String key, String unit, double scale, String absentWhy,
                        Function<Tolerances.Server, Relative> limits) {
  }

  private static final List<Figure> FIGURES = List.of(
      new Figure("service", "CPU per request", "serviceCpuMillisPerRequest", "ms", 1,
          "the service's CPU is sampled only when the suite launched it", Tolerances.Server::cpu),
      new Figure("service", "GC time share", "serviceGcTimeShare", "%", 100,
          "the target's /metrics had no jvm_gc_pause_seconds", Tolerances.Server::gc),
      new Figure("database", "time per request", "databaseMillisPerRequest", "ms", 1,
          "no pg_stat_statements figures: a database the suite does not know, or the extension missing",
          Tolerances.Server::database));

  private ServerChecks() {
  }

  static List<Check> of(StatsReport baseline, StatsReport current, Tolerances tolerances) {
    List<Check> out = new ArrayList<>();
    boolean before = hasServer(baseline);
    boolean after = hasServer(current);
    if (!before || !after) {
      out.add(skipped("server side", "-", noServerSection(baseline, before, current, after)));
      return out;
    }
    boolean enoughRequests = tolerances.enoughRequests(baseline.global().count())
        && tolerances.enoughRequests(current.global().count());
    for (Figure f : FIGURES) {
      Double b = figure(baseline, f.key());
      Double c = figure(current, f.key());
      if (b == null || c == null) {
        out.add(skipped(f.row(), f.metric(), absent(b, c, "figures." + f.key(), f.absentWhy())));
        continue;
      }
      out.add(relative(f, b * f.scale(), c * f.scale(), f.limits().apply(tolerances.server()), enoughRequests,
          enoughRequests ? null : "fewer than compare.min-requests requests"));
    }
    out.add(heapSlope(baseline, current, tolerances.server()));
    return out;
  }

  /**
   * The assistant's cost per virtual-user hour (stats.json {@code llm}); no line when neither run chatted, a
   * skipped line when only one did.
   */
  static List<Check> llm(StatsReport baseline, StatsReport current, Tolerances tolerances) {
    LlmUsage b = baseline.llm();
    LlmUsage c = current.llm();
    if (b == null && c == null) {
      return List.of();
    }
    // In US cents: Check shows two decimals, and $0.04 would hide a 25 % change.
    Figure f = new Figure("assistant", "LLM cost per virtual-user hour", "costPerVirtualUserHour", "cents", 100,
        "it sent no assistant chat, or its stats.json predates the llm section", Tolerances.Server::llmCost);
    Double before = b == null ? null : b.costPerVirtualUserHour();
    Double after = c == null ? null : c.costPerVirtualUserHour();
    if (before == null || after == null) {
      return List.of(skipped(f.row(), f.metric(), "no llm." + f.key() + " "
          + (before == null ? "in the baseline" : "in this run") + " (" + f.absentWhy() + ")"));
    }
    boolean enough = tolerances.enoughRequests(b.total().chats()) && tolerances.enoughRequests(c.total().chats());
    return List.of(relative(f, before * f.scale(), after * f.scale(), tolerances.server().llmCost(), enough,
        "fewer than compare.min-requests chats"));
  }

  private static Check relative(Figure f, double b, double c, Relative limits, boolean enough, String fewNote) {
    double allowed = Math.max(b * (1 + limits.maxIncreasePercent() / 100), b + limits.noiseFloor());
    double better = Math.min(b * (1 - limits.maxIncreasePercent() / 100), b - limits.noiseFloor());
    Verdict v = c > allowed + 1e-9 ? Verdict.REGRESSION : c < better - 1e-9 ? Verdict.IMPROVEMENT : Verdict.PASS;
    boolean unjudged = v != Verdict.PASS && !enough;
    return new Check(f.row(), KIND, f.metric(), f.unit(), b, c, "<= " + limit(allowed, f.unit()),
        unjudged ? Verdict.FEW_SAMPLES : v, unjudged ? fewNote : null);
  }

  private static Check heapSlope(StatsReport baseline, StatsReport current, Tolerances.Server limits) {
    JsonNode before = baseline.server().path("series").path(HEAP_AFTER_GC);
    JsonNode after = current.server().path("series").path(HEAP_AFTER_GC);
    Double b = number(before.path("slopePerMinute"));
    Double c = number(after.path("slopePerMinute"));
    String metric = "heap after GC slope";
    if (b == null || c == null) {
      return skipped("service", metric, absent(b, c, "series[\"" + HEAP_AFTER_GC + "\"]",
          "the target exposes no jvm_memory_heap_after_gc_bytes, or the file predates its summary"));
    }
    b /= MB;
    c /= MB;
    double allowed = Math.max(b, 0) + limits.heapSlopeMaxIncreaseMbPerMinute();
    double better = Math.max(b, 0) - limits.heapSlopeMaxIncreaseMbPerMinute();
    Verdict v = c > allowed + 1e-9 ? Verdict.REGRESSION : c < better - 1e-9 ? Verdict.IMPROVEMENT : Verdict.PASS;
    int points = Math.min(before.path("points").asInt(0), after.path("points").asInt(0));
    String note = null;
    if (v != Verdict.PASS && points < limits.heapSlopeMinPoints()) {
      v = Verdict.FEW_SAMPLES;
      note = points + " samples, under compare.server.heap-after-gc-slope.min-points ("
          + limits.heapSlopeMinPoints() + ")";
    }
    return new Check("service", KIND, metric, "MB/min", b, c, "<= " + limit(allowed, "MB/min"), v, note);
  }

  private static boolean hasServer(StatsReport r) {
    return r.server() != null && r.server().isObject();
  }

  /** The figure's value; null when absent, null or not a finite number. */
  private static Double figure(StatsReport r, String key) {
    return number(r.server().path("figures").path(key));
  }

  private static Double number(JsonNode node) {
    return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
  }

  private static String noServerSection(StatsReport baseline, boolean before, StatsReport current, boolean after) {
    String why;
    if (!before && !after) {
      why = "neither run has a server section (baseline: " + why(baseline) + "; this run: " + why(current) + ")";
    } else if (!before) {
      why = "the baseline has no server section (" + why(baseline) + ")";
    } else {
      why = "this run has no server section (" + why(current) + ")";
    }
    return why + ": server-side figures not compared";
  }

  private static String why(StatsReport r) {
    return r.schemaVersion() < 2
        ? "stats.json schema version " + r.schemaVersion() + ", from before server telemetry"
        : "telemetry was off (-Dtelemetry=false) or sampled nothing";
  }

  private static String absent(Double b, Double c, String where, String why) {
    String side = b == null && c == null ? "in both runs" : b == null ? "in the baseline" : "in this run";
    return "no server." + where + " " + side + " (" + why + ")";
  }

  private static Check skipped(String row, String metric, String note) {
    return new Check(row, KIND, metric, "", null, null, "", Verdict.SKIPPED, note);
  }

  private static String limit(double value, String unit) {
    return String.format(Locale.ROOT, "%.2f %s", value, unit);
  }
}
