package dev.loadbearing.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The comparator's tolerances from {@code compare.conf} (overridable with -D): defaults plus per-request and
 * per-metric overrides.
 */
public record Tolerances(List<String> latencyMetrics, Limits defaults, List<Override> overrides,
                         boolean failOnMissingRequest, boolean failOnBrokenSla, int minTailSamples,
                         int minRequests) {

  private static final Set<String> LATENCY =
      Set.of("min", "mean", "stdDev", "max", "p50", "p75", "p90", "p95", "p99", "p999");

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

  /** {@code compare.conf} from the classpath, with -D system properties on top. */
  public static Tolerances load() {
    ConfigFactory.invalidateCaches();
    return from(ConfigFactory.systemProperties().withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
  }

  /** Reads {@code compare { ... }}; a bad value fails naming the key. */
  public static Tolerances from(Config root) {
    try {
      Config c = root.getConfig("compare");
      List<String> metrics = c.getStringList("latency-metrics");
      for (String m : metrics) {
        if (!LATENCY.contains(m)) {
          throw new IllegalArgumentException(
              "compare.latency-metrics: unknown metric '" + m + "', use some of " + LATENCY);
        }
      }
      Config d = c.getConfig("defaults");
      Limits defaults = new Limits(d.getDouble("latency-max-increase-percent"), d.getDouble("latency-noise-floor-ms"),
          d.getDouble("throughput-max-drop-percent"), d.getDouble("error-rate-max-increase-points"), null);
      List<Override> overrides = new ArrayList<>();
      for (Config o : c.getConfigList("overrides")) {
        overrides.add(new Override(optString(o, "request"), optString(o, "metric"),
            optDouble(o, "latency-max-increase-percent"), optDouble(o, "latency-noise-floor-ms"),
            optDouble(o, "throughput-max-drop-percent"), optDouble(o, "error-rate-max-increase-points"),
            optString(o, "reason")));
      }
      return new Tolerances(List.copyOf(metrics), defaults, List.copyOf(overrides),
          c.getBoolean("fail-on-missing-request"), c.getBoolean("fail-on-broken-sla"),
          nonNegative(c, "min-tail-samples"), nonNegative(c, "min-requests"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("compare.conf: " + e.getMessage(), e);
    }
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

  private static int nonNegative(Config c, String key) {
    int value = c.getInt(key);
    if (value < 0) {
      throw new IllegalArgumentException("compare." + key + " must be 0 or more, not " + value);
    }
    return value;
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

  private static Double optDouble(Config c, String key) {
    return c.hasPath(key) ? c.getDouble(key) : null;
  }
}
