package dev.loadbearing.suite.config;

import java.util.List;
import java.util.Map;

/**
 * Who arrives, from {@code loadbearing.workloads.<key>}: which journeys the users run (percent, summing to 100)
 * and which tenants' tiers they act for. A profile says how traffic arrives and what it must meet.
 *
 * @param key   the config block it was read from, for messages ({@code loadbearing.workloads.load})
 * @param mix   journey → percent, every journey of {@link Profiles#JOURNEYS}; empty for single-request users
 * @param tiers the tiers whose seeded tenants the users act for
 */
public record Workload(String key, Map<String, Double> mix, List<String> tiers) {

  /** The share of {@code journey}; a name that is not a journey fails, never silently 0 %. */
  public double weight(String journey) {
    Double weight = mix.get(journey);
    if (weight == null) {
      throw new InvalidConfigException(mix.isEmpty() ? key + " has no mix; its users run no journey"
          : "'" + journey + "' is not a journey of " + key + ".mix; it has " + String.join(", ", mix.keySet()));
    }
    return weight;
  }

  static Workload read(ConfigReader workloads, String key) {
    if (!workloads.has(key)) {
      throw new InvalidConfigException(workloads.key(key) + " is missing from loadbearing.conf; the workloads are "
          + String.join(", ", workloads.keys()));
    }
    ConfigReader workload = workloads.at(key);
    for (String name : workload.keys()) {
      if (!List.of("mix", "tiers").contains(name)) {
        throw new InvalidConfigException(workload.key(name) + " is not a key of a workload; it accepts mix, tiers");
      }
    }
    Map<String, Double> mix = workload.has("mix") ? workload.weights("mix", Profiles.JOURNEYS) : Map.of();
    return new Workload(workload.key(""), mix, Profiles.tiers(workload, "tiers"));
  }
}
