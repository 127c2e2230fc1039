package dev.loadbearing.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparator's tolerances from {@code compare.conf} (overridable with -D): defaults plus per-request and
 * per-metric overrides.
 */
public record Tolerances(List<String> latencyMetrics, Limits defaults, List<Override> overrides,
                         boolean failOnMissingRequest, boolean failOnBrokenSla, int minTailSamples,
                         int minRequests, Server server) {

  private static final Set<String> LATENCY =
      Set.of("min", "mean", "stdDev", "max", "p50", "p75", "p90", "p95", "p99", "p999");
  /** {@code compare.*} keys that are the comparator's options (CompareOptions), not tolerances. */
  private static final Set<String> OPTION_KEYS = Set.of("runs", "baselines", "results", "output",
      "against", "history.runs", "history.drift-runs");
  private static final Set<String> OVERRIDE_KEYS = Set.of("request", "metric", "reason",
      "latency-max-increase-percent", "latency-noise-floor-ms", "throughput-max-drop-percent",
      "error-rate-max-increase-points");

  /** How far a metric may move before it counts as a regression (or improvement). */
  public record Limits(double latencyMaxIncreasePercent, double latencyNoiseFloorMs, double throughputMaxDropPercent,
                       double errorRateMaxIncreasePoints, String reason) {
  }

  /** One override entry; null fields are "not set here". */
  public record Override(String request, String metric, Double latencyMaxIncreasePercent, Double latencyNoiseFloorMs,
                         Double throughputMaxDropPercent, Double errorRateMaxIncreasePoints, String reason) {
    boolean appliesTo(String key, String name, String metricName) {
      return (request == null || request.equals(key) || request.equals(name))
          && (metric == null || metric.equals(metricName));
    }
  }

  /**
   * How far a server-side figure (stats.json {@code server}, schema version 2) may grow: a figure is a
   * regression above {@code max(baseline × (1 + percent / 100), baseline + floor)}; the heap-after-GC slope
   * above {@code max(baseline, 0) + heapSlopeMaxIncreaseMbPerMinute}. {@code llmCost} bounds the assistant's
   * cost per virtual-user hour (stats.json {@code llm}) the same relative way, in US cents.
   */
  public record Server(Relative cpu, Relative gc, Relative database, double heapSlopeMaxIncreaseMbPerMinute,
                       int heapSlopeMinPoints, Relative llmCost) {
  }

  /** A relative bound with an absolute floor, in the figure's unit (ms, percentage points). */
  public record Relative(double maxIncreasePercent, double noiseFloor) {
  }

  /** {@code compare.conf} from the classpath, with -D system properties on top. */
  public static Tolerances load() {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return load(properties);
  }

  /** {@code compare.conf} from the classpath, with the {@code compare.*} entries of {@code properties} on top. */
  public static Tolerances load(Map<String, String> properties) {
    Properties mine = new Properties();
    properties.forEach((k, v) -> {
      if (k.startsWith("compare.")) {
        mine.setProperty(k, v);
      }
    });
    ConfigFactory.invalidateCaches();
    Config overrides = ConfigFactory.parseProperties(mine, ConfigParseOptions.defaults().setOriginDescription(
        "-D options"));
    return from(overrides.withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
  }

  /**
   * Reads {@code compare { ... }}; a bad value (negative, NaN, infinite, not a number) or a key compare.conf
   * does not have fails naming the key.
   */
  public static Tolerances from(Config root) {
    try {
      Config c = root.getConfig("compare");
      rejectUnknownKeys(c);
      List<String> metrics = c.getStringList("latency-metrics");
      for (String m : metrics) {
        if (!LATENCY.contains(m)) {
          throw new IllegalArgumentException(
              "compare.latency-metrics: unknown metric '" + m + "', use some of " + LATENCY);
        }
      }
      Config d = c.getConfig("defaults");
      Limits defaults = new Limits(amount(d, "compare.defaults.", "latency-max-increase-percent"),
          amount(d, "compare.defaults.", "latency-noise-floor-ms"),
          amount(d, "compare.defaults.", "throughput-max-drop-percent"),
          amount(d, "compare.defaults.", "error-rate-max-increase-points"), null);
      List<Override> overrides = new ArrayList<>();
      List<? extends Config> entries = c.getConfigList("overrides");
      for (int i = 0; i < entries.size(); i++) {
        Config o = entries.get(i);
        String where = "compare.overrides[" + i + "].";
        for (String key : o.root().keySet()) {
          if (!OVERRIDE_KEYS.contains(key)) {
            throw new IllegalArgumentException("compare.conf: unknown key " + where + key + "; an override has "
                + new TreeSet<>(OVERRIDE_KEYS));
          }
        }
        overrides.add(new Override(optString(o, "request"), optString(o, "metric"),
            optAmount(o, where, "latency-max-increase-percent"), optAmount(o, where, "latency-noise-floor-ms"),
            optAmount(o, where, "throughput-max-drop-percent"), optAmount(o, where, "error-rate-max-increase-points"),
            optString(o, "reason")));
      }
      Config s = c.getConfig("server");
      String p = "compare.server.";
      Server server = new Server(relative(s, p, "service-cpu-millis-per-request", "noise-floor-ms"),
          relative(s, p, "service-gc-time-share", "noise-floor-points"),
          relative(s, p, "database-millis-per-request", "noise-floor-ms"),
          amount(s, p, "heap-after-gc-slope.max-increase-mb-per-minute"),
          nonNegative(s, p, "heap-after-gc-slope.min-points"),
          relative(s, p, "llm-cost-per-virtual-user-hour", "noise-floor-cents"));
      return new Tolerances(List.copyOf(metrics), defaults, List.copyOf(overrides),
          c.getBoolean("fail-on-missing-request"), c.getBoolean("fail-on-broken-sla"),
          nonNegative(c, "compare.", "min-tail-samples"), nonNegative(c, "compare.", "min-requests"), server);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("compare.conf: " + e.getMessage(), e);
    }
  }

  /** Every key under {@code compare} must be one compare.conf has (or one of the comparator's options). */
  private static void rejectUnknownKeys(Config c) {
    Config reference = ConfigFactory.parseResources("compare.conf").getConfig("compare");
    Set<String> unknown = new TreeSet<>();
    for (var e : c.entrySet()) {
      String key = e.getKey();
      if (!reference.hasPathOrNull(key) && !OPTION_KEYS.contains(key)) {
        unknown.add("compare." + key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("compare.conf: unknown key" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown) + "; the keys and their meaning are in src/main/resources/compare.conf");
    }
  }

  private static Relative relative(Config server, String prefix, String figure, String floorKey) {
    return new Relative(amount(server, prefix, figure + ".max-increase-percent"),
        amount(server, prefix, figure + "." + floorKey));
  }

  /** A tolerance: a finite number, 0 or more; anything else fails naming the key. */
  private static double amount(Config c, String prefix, String key) {
    double value;
    try {
      value = c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException(prefix + key + " must be a number, 0 or more, not '"
          + c.getValue(key).unwrapped() + "'", e);
    }
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(prefix + key + " must be a number, 0 or more, not " + value);
    }
    return value;
  }

  private static Double optAmount(Config c, String prefix, String key) {
    return c.hasPath(key) ? amount(c, prefix, key) : null;
  }

  /** True when {@code count} samples are enough to judge {@code metric} (see min-tail-samples in compare.conf). */
  public boolean enoughSamples(String metric, long count) {
    double quantile = switch (metric) {
      case "p50" -> 0.50;
      case "p75" -> 0.75;
      case "p90" -> 0.90;
      case "p95" -> 0.95;
      case "p99" -> 0.99;
      case "p999" -> 0.999;
      default -> -1;
    };
    return quantile < 0 ? count >= minRequests : count * (1 - quantile) >= minTailSamples - 1e-9;
  }

  /** True when a run of {@code count} requests is enough to judge a whole-run figure (see min-requests). */
  public boolean enoughRequests(long count) {
    return count >= minRequests;
  }

  /**
   * A count: a whole number, 0 or more. Read as a double first: HOCON's getInt turns NaN into 0 and 1.5 into 1
   * without a word, and min-tail-samples = NaN would then judge every percentile of every run.
   */
  private static int nonNegative(Config c, String prefix, String key) {
    double value;
    try {
      value = c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException(prefix + key + " must be a whole number, 0 or more, not '"
          + c.getValue(key).unwrapped() + "'", e);
    }
    if (!Double.isFinite(value) || value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(prefix + key + " must be a whole number, 0 or more, not "
          + c.getValue(key).unwrapped());
    }
    return (int) value;
  }

  /** The limits for one request (key and bare name) and metric, after applying the overrides in order. */
  public Limits limitsFor(String key, String name, String metric) {
    Limits l = defaults;
    for (Override o : overrides) {
      if (o.appliesTo(key, name, metric)) {
        l = new Limits(
            o.latencyMaxIncreasePercent() != null ? o.latencyMaxIncreasePercent() : l.latencyMaxIncreasePercent(),
            o.latencyNoiseFloorMs() != null ? o.latencyNoiseFloorMs() : l.latencyNoiseFloorMs(),
            o.throughputMaxDropPercent() != null ? o.throughputMaxDropPercent() : l.throughputMaxDropPercent(),
            o.errorRateMaxIncreasePoints() != null ? o.errorRateMaxIncreasePoints() : l.errorRateMaxIncreasePoints(),
            o.reason() != null ? o.reason() : l.reason());
      }
    }
    return l;
  }

  private static String optString(Config c, String key) {
    return c.hasPath(key) ? c.getString(key) : null;
  }
}
