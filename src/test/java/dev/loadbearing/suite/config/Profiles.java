package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every profile's shape and SLAs as typed records, read from {@code loadbearing.profiles} with the knobs
 * already applied: durations are time-scaled, users and rates population-scaled, max-durations floored.
 */
public final class Profiles {
  /** The journeys a profile's users can run, in the order weights are listed. */
  public static final List<String> JOURNEYS = List.of("shopper", "assistant", "onboarding", "admin");
  public static final List<String> TIERS = List.of("free", "starter", "professional", "enterprise");

  private Profiles() {
  }

  /** What every profile has, whatever its shape: how long it may run, and the SLAs Gatling judges. */
  public interface Profile {
    Duration maxDuration();

    List<SlaBound> slas();
  }

  /** A tier's token bucket. */
  public record Bucket(int capacity, double refillPerSecond) {
    /** The most requests the bucket can admit over {@code millis}, starting full. */
    public double admissible(long millis) {
      return capacity + refillPerSecond * (millis / 1000.0 + 1);
    }
  }

  public record Smoke(int users, Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Load(Map<String, Double> mix, List<String> tiers, double warmUpRate, Duration warmUp, double rate,
                     Duration hold, Duration rampDown, Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Stress(Map<String, Double> mix, List<String> tiers, List<Integer> steps, Duration stepRamp,
                       Duration stepHold, Duration rampDown, Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Spike(Map<String, Double> mix, List<String> tiers, int baseUsers, int peakUsers, Duration before,
                      Duration spikeRamp, Duration hold, Duration rampBack, Duration recovery,
                      double spikeFactorMax, double recoveryTolerancePercent, Duration floor,
                      Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Soak(Map<String, Double> mix, List<String> tiers, int users, Duration ramp, Duration duration,
                     double driftTolerancePercent, Duration floor, Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record BreakingPoint(List<String> tiers, Duration warmUp, double startRate, double stepRate, int levels, Duration level,
                              Duration levelRamp, Duration p95Limit, double failedPercentLimit,
                              Duration maxDuration) implements Profile {
    /** The arrival rate of level {@code i} (0-based). */
    public double rateOf(int i) {
      return startRate + i * stepRate;
    }

    /** None for Gatling to judge: the verdict is the figure, see {@link #breaksWhen()}. */
    @Override
    public List<SlaBound> slas() {
      return List.of();
    }

    /** The SLA whose first breach ends the run, for the manifest (judged per level, not by Gatling). */
    public List<SlaBound> breaksWhen() {
      String reason = "judged over each level's hold; the first breach stops the run";
      return List.of(
          new SlaBound("loadbearing.profiles.breaking-point.breaks-when.p95", "level", "p95", "lt", p95Limit.toMillis(), reason),
          new SlaBound("loadbearing.profiles.breaking-point.breaks-when.failed-percent", "level", "failedPercent", "lt",
              failedPercentLimit, reason));
    }
  }

  public record Tier(String name, int users, List<SlaBound> slas) {
  }

  public record MultiTenant(Map<String, Double> mix, List<Tier> tiers, Duration ramp, Duration hold,
                            Map<String, Bucket> buckets, Duration maxDuration) implements Profile {
    /** Every tier's own SLAs. */
    @Override
    public List<SlaBound> slas() {
      return tiers.stream().flatMap(tier -> tier.slas().stream()).toList();
    }
  }

  public record RateLimit(Map<String, Bucket> buckets, String burstTier, int overflow, String sustainedTier, double percentOfLimit,
                          Duration sustainedDuration, String retryTier, int retryClients, int maxAttempts,
                          Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record FlashSale(String tier, int users, int stock, double buyersPercent, Duration arrival,
                          Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Database(String tier, double crudRate, double joinsRate, double hotRowRate, double rollbackRate,
                         Duration duration, int poolBurstUsers, Duration recovery, Map<String, Duration> p95,
                         Duration maxDuration, List<SlaBound> slas) implements Profile {
    public static final List<String> OPERATIONS = List.of("crud", "joins", "hot-row", "rollback", "pool-burst");
  }

  static Smoke smoke(ConfigReader p, Knobs k) {
    return new Smoke(k.users(p.positiveCount("users")), k.maxDuration(p.duration("max-duration")),
        SlaBound.read(p, "sla", "global"));
  }

  static Load load(ConfigReader p, Knobs k) {
    return new Load(p.weights("mix", JOURNEYS), tiers(p, "tiers"), k.rate(p.number("warm-up-rate")),
        k.time(p.duration("warm-up")), k.rate(p.positiveNumber("rate")), k.time(p.duration("hold")),
        k.time(p.duration("ramp-down")), k.maxDuration(p.duration("max-duration")), SlaBound.read(p, "sla", "global"));
  }

  static Stress stress(ConfigReader p, Knobs k) {
    List<Integer> steps = p.counts("steps").stream().map(k::users).toList();
    if (steps.isEmpty()) {
      throw new InvalidConfigException(p.key("steps") + " is empty; it accepts a list of user counts such as [100, 200]");
    }
    return new Stress(p.weights("mix", JOURNEYS), tiers(p, "tiers"), steps, k.time(p.duration("step-ramp")),
        k.time(p.duration("step-hold")), k.time(p.duration("ramp-down")), k.maxDuration(p.duration("max-duration")),
        SlaBound.read(p, "sla", "global"));
  }

  static Spike spike(ConfigReader p, Knobs k) {
    int base = p.positiveCount("base-users");
    double factor = p.positiveNumber("spike-factor");
    return new Spike(p.weights("mix", JOURNEYS), tiers(p, "tiers"), k.users(base),
        k.users((int) Math.round(base * factor)), k.time(p.duration("before")), k.time(p.duration("spike-ramp")),
        k.time(p.duration("hold")), k.time(p.duration("ramp-back")), k.time(p.duration("recovery")),
        p.positiveNumber("windows.spike-factor-max"), p.percent("windows.recovery-tolerance-percent"),
        p.duration("windows.floor"), k.maxDuration(p.duration("max-duration")), SlaBound.read(p, "sla", "global"));
  }

  static Soak soak(ConfigReader p, Knobs k) {
    return new Soak(p.weights("mix", JOURNEYS), tiers(p, "tiers"), k.users(p.positiveCount("users")),
        k.time(p.duration("ramp")), k.time(p.duration("duration")), p.percent("windows.drift-tolerance-percent"),
        p.duration("windows.floor"), k.maxDuration(p.duration("max-duration")), SlaBound.read(p, "sla", "global"));
  }

  static BreakingPoint breakingPoint(ConfigReader p, Knobs k) {
    return new BreakingPoint(tiers(p, "tiers"), k.time(p.duration("warm-up")), k.rate(p.positiveNumber("start-rate")),
        k.rate(p.positiveNumber("step-rate")), p.positiveCount("levels"), k.time(p.duration("level")),
        k.time(p.duration("level-ramp")), p.duration("breaks-when.p95"), p.percent("breaks-when.failed-percent"),
        k.maxDuration(p.duration("max-duration")));
  }

  static MultiTenant multiTenant(ConfigReader p, Knobs k) {
    List<Tier> tiers = new ArrayList<>();
    for (String tier : p.children("tiers")) {
      if (!TIERS.contains(tier)) {
        throw new InvalidConfigException(p.key("tiers." + tier) + " is not a tier; it accepts " + String.join(", ", TIERS));
      }
      ConfigReader t = p.at("tiers." + tier);
      tiers.add(new Tier(tier, k.users(t.positiveCount("users")), SlaBound.read(t, "sla", tier)));
    }
    return new MultiTenant(p.weights("mix", JOURNEYS), tiers, k.time(p.duration("ramp")), k.time(p.duration("hold")),
        buckets(p), k.maxDuration(p.duration("max-duration")));
  }

  static RateLimit rateLimit(ConfigReader p, Knobs k) {
    return new RateLimit(buckets(p), p.oneOf("burst.tier", TIERS), p.count("burst.overflow"), p.oneOf("sustained.tier", TIERS),
        p.percent("sustained.percent-of-limit"), k.time(p.duration("sustained.duration")),
        p.oneOf("retry-after.tier", TIERS), p.positiveCount("retry-after.clients"),
        p.positiveCount("retry-after.max-attempts"), k.maxDuration(p.duration("max-duration")),
        SlaBound.read(p, "sla", "sustained"));
  }

  static FlashSale flashSale(ConfigReader p, Knobs k) {
    int users = k.users(p.positiveCount("users"));
    int stock = k.users(p.count("stock"));
    double buyers = p.percent("buyers-percent");
    if (Math.floor(users * buyers / 100) <= stock) {
      throw new InvalidConfigException(p.key("stock") + " = " + stock + " leaves no buyer without stock for "
          + users + " users of whom " + buyers + " % buy; it accepts a stock below the number of buyers");
    }
    return new FlashSale(p.oneOf("tier", TIERS), users, stock, buyers, k.time(p.duration("arrival")),
        k.maxDuration(p.duration("max-duration")), SlaBound.read(p, "sla", "global"));
  }

  static Database database(ConfigReader p, Knobs k) {
    Map<String, Duration> p95 = new LinkedHashMap<>();
    for (String operation : p.children("operations")) {
      if (!Database.OPERATIONS.contains(operation)) {
        throw new InvalidConfigException(p.key("operations." + operation) + " is not an operation class; it accepts "
            + String.join(", ", Database.OPERATIONS));
      }
      p95.put(operation, p.duration("operations." + operation + ".p95"));
    }
    List<SlaBound> slas = new ArrayList<>(SlaBound.read(p, "sla", "global"));
    p95.forEach((operation, bound) -> slas.add(new SlaBound(p.key("operations." + operation + ".p95"), operation, "p95",
        "lt", bound.toMillis(), null)));
    return new Database(p.oneOf("tier", TIERS), k.rate(p.number("crud-rate")), k.rate(p.number("joins-rate")),
        k.rate(p.number("hot-row-rate")), k.rate(p.number("rollback-rate")), k.time(p.duration("duration")),
        k.users(p.count("pool-burst-users")), k.time(p.duration("recovery")), p95,
        k.maxDuration(p.duration("max-duration")), List.copyOf(slas));
  }

  /** The rate-limit table: it sits beside the profiles, at loadbearing.rate-limits. */
  private static Map<String, Bucket> buckets(ConfigReader profile) {
    ConfigReader limits = profile.root().at("rate-limits");
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    for (String tier : TIERS) {
      buckets.put(tier, new Bucket(limits.positiveCount(tier + ".capacity"),
          limits.positiveNumber(tier + ".refill-per-second")));
    }
    return buckets;
  }

  private static List<String> tiers(ConfigReader p, String path) {
    List<String> tiers = p.strings(path);
    for (String tier : tiers) {
      if (!TIERS.contains(tier)) {
        throw new InvalidConfigException(p.key(path) + " contains '" + tier + "'; it accepts tiers from "
            + String.join(", ", TIERS));
      }
    }
    if (tiers.isEmpty()) {
      throw new InvalidConfigException(p.key(path) + " is empty; it accepts a list of tiers from " + String.join(", ", TIERS));
    }
    return tiers;
  }
}
