package dev.loadbearing.suite.config;

import java.util.List;

/**
 * One SLA bound read from a profile's {@code sla} block.
 *
 * @param key       the config key it came from (for messages)
 * @param scope     {@code global}, a group name, or a population (tier) name
 * @param metric    as in {@code RunManifest.Sla}: p50 p75 p95 p99 max (ms), failedPercent, successPercent,
 *                  failedCount, status:5xx:percent, status:429:percent
 * @param operator  lt, lte or gt
 * @param threshold the bound
 * @param reason    why the bound is looser than the default, or null
 */
public record SlaBound(String key, String scope, String metric, String operator, double threshold, String reason) {

  /** The keys a {@code sla} block accepts. */
  public static final List<String> KEYS = List.of("p50", "p75", "p95", "p99", "max", "failed-percent",
      "success-percent", "failed-count", "status-5xx-percent", "status-429-percent");

  /** "below 1 %" is strict; "0 %" can only mean "none at all". */
  private static String strict(double threshold) {
    return threshold == 0 ? "lte" : "lt";
  }

  /** Reads every bound in {@code sla}; an unknown key fails naming the ones accepted. */
  static List<SlaBound> read(ConfigReader profile, String path, String scope) {
    if (!profile.has(path)) {
      return List.of();
    }
    ConfigReader sla = profile.at(path);
    return profile.children(path).stream().filter(name -> !name.equals("reasons")).map(name -> {
      String reason = sla.has("reasons." + name) ? sla.string("reasons." + name) : null;
      return switch (name) {
        case "p50", "p75", "p95", "p99" -> new SlaBound(sla.key(name), scope, name, "lt",
            sla.duration(name).toMillis(), reason);
        case "max" -> new SlaBound(sla.key(name), scope, "max", "lt", sla.duration(name).toMillis(), reason);
        case "failed-percent" -> new SlaBound(sla.key(name), scope, "failedPercent",
            strict(sla.percent(name)), sla.percent(name), reason);
        case "success-percent" -> new SlaBound(sla.key(name), scope, "successPercent", "gt", sla.percent(name), reason);
        case "failed-count" -> new SlaBound(sla.key(name), scope, "failedCount", "lte", sla.count(name), reason);
        case "status-5xx-percent" -> new SlaBound(sla.key(name), scope, "status:5xx:percent",
            strict(sla.percent(name)), sla.percent(name), reason);
        case "status-429-percent" -> new SlaBound(sla.key(name), scope, "status:429:percent",
            strict(sla.percent(name)), sla.percent(name), reason);
        default -> throw new InvalidConfigException(sla.key(name) + " is not a known SLA; " + sla.key("")
            + " accepts " + String.join(", ", KEYS));
      };
    }).toList();
  }
}
