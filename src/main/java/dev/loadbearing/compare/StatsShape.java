package dev.loadbearing.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks the tree of a stats.json (or baseline) before it is bound to {@code StatsReport}: every field the
 * comparator reads is present, of its type, finite and in range, or the file is refused with an
 * {@link InputException} naming the file and the JSON path of the field ({@code requests[3].p95 is missing}).
 * Binding alone would read a missing or null number as 0, a string "NaN" as NaN and {@code [null]} as a null
 * row: a wrong verdict or a NullPointerException instead of a clear exit 2. The rules are those of
 * docs/stats.schema.json plus the ranges a real run cannot leave (counts and rates not negative, koPercent
 * 0..100, ok + ko = count).
 */
final class StatsShape {
  private static final List<String> LATENCIES =
      List.of("min", "mean", "stdDev", "max", "p50", "p75", "p90", "p95", "p99", "p999");
  /** The server-side figures the comparator judges (ServerChecks). */
  private static final List<String> FIGURES =
      List.of("serviceCpuMillisPerRequest", "serviceGcTimeShare", "databaseMillisPerRequest");

  private final String file;

  private StatsShape(String file) {
    this.file = file;
  }

  /** Throws {@link InputException} on the first field that is missing, null, of the wrong type or out of range. */
  static void check(String file, JsonNode root) {
    new StatsShape(file).root(root);
  }

  private void root(JsonNode root) {
    run(required(root, "", "run"), "run");
    row(required(root, "", "global"), "global", "global");
    rows(root, "groups", "group");
    rows(root, "requests", "request");
    JsonNode slas = required(root, "", "slas");
    array(slas, "slas");
    for (int i = 0; i < slas.size(); i++) {
      sla(slas.get(i), "slas[" + i + "]");
    }
    JsonNode baseline = root.get("baseline");
    if (present(baseline)) {
      object(baseline, "baseline");
      whole(baseline, "baseline", "promotedAt", 0);
      string(baseline, "baseline", "fromRun");
      machine(baseline.get("machine"), "baseline.machine");
      optionalString(baseline, "baseline", "injector");
    }
    server(root.get("server"));
    JsonNode diagnosis = root.get("diagnosis");
    if (present(diagnosis)) {
      object(diagnosis, "diagnosis");
    }
    llm(root.get("llm"));
  }

  private void run(JsonNode run, String path) {
    object(run, path);
    for (String name : List.of("simulation", "simulationClass", "gatlingVersion", "runFolder", "injector")) {
      string(run, path, name);
    }
    whole(run, path, "start", Long.MIN_VALUE);
    whole(run, path, "end", Long.MIN_VALUE);
    whole(run, path, "durationMillis", Long.MIN_VALUE);
    whole(run, path, "durationSeconds", 0);
    bool(run, path, "manifestFound");
    JsonNode parameters = run.get("parameters");
    if (present(parameters)) {
      object(parameters, path + ".parameters");
    }
    optionalString(run, path, "target");
    optionalString(run, path, "gitCommit");
    machine(run.get("machine"), path + ".machine");
  }

  private void machine(JsonNode machine, String path) {
    if (!present(machine)) {
      return;
    }
    object(machine, path);
    whole(machine, path, "cores", 0);
    whole(machine, path, "memoryBytes", -1);
    string(machine, path, "os");
    string(machine, path, "java");
  }

  private void rows(JsonNode root, String name, String kind) {
    JsonNode rows = required(root, "", name);
    array(rows, name);
    for (int i = 0; i < rows.size(); i++) {
      row(rows.get(i), name + "[" + i + "]", kind);
    }
  }

  private void row(JsonNode row, String path, String kind) {
    if (row == null || row.isNull()) {
      throw bad(path, "is null, expected a row object");
    }
    object(row, path);
    String actualKind = string(row, path, "kind");
    if (!actualKind.equals(kind)) {
      throw bad(path + ".kind", "is \"" + clip(actualKind) + "\", expected \"" + kind + "\" in this section");
    }
    string(row, path, "key");
    string(row, path, "name");
    JsonNode groups = required(row, path, "groups");
    array(groups, path + ".groups");
    for (int i = 0; i < groups.size(); i++) {
      if (!groups.get(i).isTextual()) {
        throw bad(path + ".groups[" + i + "]", "is " + describe(groups.get(i)) + ", expected a string");
      }
    }
    long count = whole(row, path, "count", 0);
    long ok = whole(row, path, "ok", 0);
    long ko = whole(row, path, "ko", 0);
    if (ok + ko != count) {
      throw bad(path, "has ok " + ok + " + ko " + ko + " = " + (ok + ko) + ", not its count " + count);
    }
    number(row, path, "koPercent", 0, 100);
    for (String latency : LATENCIES) {
      whole(row, path, latency, latency.equals("stdDev") ? 0 : Long.MIN_VALUE);
    }
    number(row, path, "meanRequestsPerSec", 0, Double.MAX_VALUE);
    JsonNode statusCounts = row.get("statusCounts");
    if (present(statusCounts) && !(statusCounts.isTextual() && statusCounts.textValue().equals("unknown"))) {
      if (!statusCounts.isObject()) {
        throw bad(path + ".statusCounts", "is " + describe(statusCounts)
            + ", expected an object of status code -> count, or \"unknown\"");
      }
      for (Iterator<Map.Entry<String, JsonNode>> codes = statusCounts.fields(); codes.hasNext(); ) {
        Map.Entry<String, JsonNode> e = codes.next();
        String at = path + ".statusCounts[\"" + clip(e.getKey()) + "\"]";
        if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong() || e.getValue().longValue() < 0) {
          throw bad(at, "is " + describe(e.getValue()) + ", expected a count, 0 or more");
        }
      }
    }
    JsonNode histogram = row.get("histogram");
    if (present(histogram) && !histogram.isTextual()) {
      throw bad(path + ".histogram", "is " + describe(histogram) + ", expected a base64 string");
    }
  }

  private void sla(JsonNode sla, String path) {
    if (sla == null || sla.isNull()) {
      throw bad(path, "is null, expected an SLA object");
    }
    object(sla, path);
    string(sla, path, "scope");
    string(sla, path, "metric");
    // Any operator: the exporter records an SLA with an unknown one as broken, with a note saying why.
    string(sla, path, "operator");
    number(sla, path, "threshold", -Double.MAX_VALUE, Double.MAX_VALUE);
    bool(sla, path, "passed");
    if (present(sla.get("actual"))) {
      number(sla, path, "actual", -Double.MAX_VALUE, Double.MAX_VALUE);
    }
    optionalString(sla, path, "reason");
    optionalString(sla, path, "note");
    if (present(sla.get("judged"))) {
      bool(sla, path, "judged");
    }
  }

  private void server(JsonNode server) {
    if (!present(server)) {
      return;
    }
    object(server, "server");
    JsonNode figures = server.get("figures");
    if (present(figures)) {
      object(figures, "server.figures");
      for (String figure : FIGURES) {
        if (present(figures.get(figure))) {
          number(figures, "server.figures", figure, 0, Double.MAX_VALUE);
        }
      }
    }
    JsonNode series = server.get("series");
    if (present(series)) {
      object(series, "server.series");
      for (Iterator<Map.Entry<String, JsonNode>> all = series.fields(); all.hasNext(); ) {
        Map.Entry<String, JsonNode> e = all.next();
        String path = "server.series[\"" + clip(e.getKey()) + "\"]";
        object(e.getValue(), path);
        if (present(e.getValue().get("slopePerMinute"))) {
          number(e.getValue(), path, "slopePerMinute", -Double.MAX_VALUE, Double.MAX_VALUE);
        }
        if (present(e.getValue().get("points"))) {
          whole(e.getValue(), path, "points", 0);
        }
      }
    }
  }

  private void llm(JsonNode llm) {
    if (!present(llm)) {
      return;
    }
    object(llm, "llm");
    chats(required(llm, "llm", "total"), "llm.total");
    JsonNode journeys = required(llm, "llm", "journeys");
    object(journeys, "llm.journeys");
    for (Iterator<Map.Entry<String, JsonNode>> all = journeys.fields(); all.hasNext(); ) {
      Map.Entry<String, JsonNode> e = all.next();
      chats(e.getValue(), "llm.journeys[\"" + clip(e.getKey()) + "\"]");
    }
    JsonNode providers = required(llm, "llm", "providers");
    object(providers, "llm.providers");
    for (Iterator<Map.Entry<String, JsonNode>> all = providers.fields(); all.hasNext(); ) {
      Map.Entry<String, JsonNode> e = all.next();
      String path = "llm.providers[\"" + clip(e.getKey()) + "\"]";
      object(e.getValue(), path);
      for (String name : List.of("attempts", "answered", "rateLimited", "timedOut", "promptTokens",
          "completionTokens")) {
        whole(e.getValue(), path, name, 0);
      }
      number(e.getValue(), path, "costUsd", 0, Double.MAX_VALUE);
    }
    for (String name : List.of("virtualUserHours", "costPerVirtualUserHour")) {
      if (present(llm.get(name))) {
        number(llm, "llm", name, 0, Double.MAX_VALUE);
      }
    }
  }

  private void chats(JsonNode chats, String path) {
    object(chats, path);
    for (String name : List.of("chats", "answered", "unavailable", "fallbacks", "promptTokens",
        "completionTokens")) {
      whole(chats, path, name, 0);
    }
    number(chats, path, "costUsd", 0, Double.MAX_VALUE);
  }

  // ---- field checks: each returns the value or throws naming the JSON path ----

  private JsonNode required(JsonNode parent, String path, String name) {
    String at = path.isEmpty() ? name : path + "." + name;
    JsonNode node = parent.get(name);
    if (node == null) {
      throw bad(at, "is missing");
    }
    if (node.isNull()) {
      throw bad(at, "is null");
    }
    return node;
  }

  private void object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw bad(path, "is " + describe(node) + ", expected an object");
    }
  }

  private void array(JsonNode node, String path) {
    if (!node.isArray()) {
      throw bad(path, "is " + describe(node) + ", expected an array");
    }
  }

  private String string(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    if (!node.isTextual()) {
      throw bad(path + "." + name, "is " + describe(node) + ", expected a string");
    }
    return node.textValue();
  }

  private void optionalString(JsonNode parent, String path, String name) {
    JsonNode node = parent.get(name);
    if (present(node) && !node.isTextual()) {
      throw bad(path + "." + name, "is " + describe(node) + ", expected a string or null");
    }
  }

  private void bool(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    if (!node.isBoolean()) {
      throw bad(path + "." + name, "is " + describe(node) + ", expected true or false");
    }
  }

  private long whole(JsonNode parent, String path, String name, long min) {
    JsonNode node = required(parent, path, name);
    String at = path.isEmpty() ? name : path + "." + name;
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw bad(at, "is " + describe(node) + ", expected a whole number");
    }
    long value = node.longValue();
    if (value < min) {
      throw bad(at, "is " + value + ", expected " + min + " or more");
    }
    return value;
  }

  private double number(JsonNode parent, String path, String name, double min, double max) {
    JsonNode node = required(parent, path, name);
    String at = path + "." + name;
    if (!node.isNumber()) {
      throw bad(at, "is " + describe(node) + ", expected a number");
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw bad(at, "is " + node + ", expected a finite number");
    }
    if (value < min || value > max) {
      throw bad(at, "is " + node + ", expected " + (max == Double.MAX_VALUE
          ? "0 or more" : "a number from " + (long) min + " to " + (long) max));
    }
    return value;
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** A node's type with a short excerpt of its value, e.g. {@code the string "NaN"}. */
  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "the string \"" + clip(node.textValue()) + "\"";
    }
    if (node.isBoolean()) {
      return "the boolean " + node.booleanValue();
    }
    if (node.isNumber()) {
      return "the number " + clip(node.asText());
    }
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }

  /** A value or key from the file, on one line and at most 120 characters (series names reach 112). */
  private static String clip(String s) {
    String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
  }

  private InputException bad(String path, String problem) {
    return new InputException(file + ": " + path + " " + problem + " (see docs/STATS-FORMAT.md)");
  }
}
