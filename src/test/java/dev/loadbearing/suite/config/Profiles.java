package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Every profile's shape and SLAs as typed records, read from {@code loadbearing.profiles} with the knobs
 * already applied: phase lengths time-scaled (with the short form's least lengths), users and rates
 * population-scaled, max-durations floored. Who the users are and what they do is a {@link Workload}.
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

    /**
     * The most users at once, where the profile fixes it (a closed population, or all users at once); empty
     * where users arrive at open rates and how many overlap depends on the service. The server-side heap bound
     * is per 100 of these.
     */
    default OptionalInt peakPopulation() {
      return OptionalInt.empty();
    }
  }

  /** A tier's token bucket. */
  public record Bucket(int capacity, double refillPerSecond) {
    /** The most requests the bucket can admit over {@code millis}, starting full. */
    public double admissible(long millis) {
      return capacity + refillPerSecond * (millis / 1000.0 + 1);
    }
  }

  public record Smoke(int users, Duration maxDuration, List<SlaBound> slas) implements Profile {
    @Override
    public OptionalInt peakPopulation() {
      return OptionalInt.of(users);
    }
  }

  public record Load(double warmUpRate, Duration warmUp, double rate, Duration hold, Duration rampDown,
                     Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record Stress(List<Integer> steps, Duration stepRamp, Duration stepHold, Duration rampDown,
                       Duration maxDuration, List<SlaBound> slas) implements Profile {
    @Override
    public OptionalInt peakPopulation() {
      return steps.stream().mapToInt(Integer::intValue).max();
    }
  }

  public record Spike(int baseUsers, int peakUsers, Duration before, Duration spikeRamp, Duration hold,
                      Duration rampBack, Duration recovery, double spikeFactorMax, double recoveryTolerancePercent,
                      Duration floor,
                      Duration maxDuration, List<SlaBound> slas) implements Profile {
    @Override
    public OptionalInt peakPopulation() {
      return OptionalInt.of(peakUsers);
    }
  }

  public record Soak(int users, Duration ramp, Duration duration, double driftTolerancePercent, Duration floor,
                     Duration maxDuration, List<SlaBound> slas) implements Profile {
    @Override
    public OptionalInt peakPopulation() {
      return OptionalInt.of(users);
    }
  }

  /** {@code warmUp} is for the JIT, not a phase of the shape: it keeps its real length at any time scale. */
  public record BreakingPoint(Duration warmUp, double startRate, double stepRate, int levels, Duration level,
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
          new SlaBound("loadbearing.profiles.breaking-point.breaks-when.p95", "level", "p95", "lt",
              p95Limit.toMillis(), reason),
          new SlaBound("loadbearing.profiles.breaking-point.breaks-when.failed-percent", "level", "failedPercent", "lt",
              failedPercentLimit, reason));
    }
  }

  public record Tier(String name, int users, List<SlaBound> slas) {
  }

  /** {@code users}: the journeys every tier's users run, and the tiers that have a population. */
  public record MultiTenant(Workload users, List<Tier> tiers, Duration ramp, Duration hold,
                            Map<String, Bucket> buckets, Duration maxDuration) implements Profile {
    /** Every tier's own SLAs. */
    @Override
    public List<SlaBound> slas() {
      return tiers.stream().flatMap(tier -> tier.slas().stream()).toList();
    }

    @Override
    public OptionalInt peakPopulation() {
      return OptionalInt.of(tiers.stream().mapToInt(Tier::users).sum());
    }
  }

  public record RateLimit(Map<String, Bucket> buckets, String burstTier, int overflow, String sustainedTier,
                          double percentOfLimit, Duration sustainedDuration, String retryTier, int retryClients,
                          int maxAttempts,
                          Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  public record FlashSale(String tier, int users, int stock, double buyersPercent, Duration arrival,
                          Duration maxDuration, List<SlaBound> slas) implements Profile {
  }

  /** {@code warmUp} is for the JIT, not a phase of the shape: it keeps its real length at any time scale. */
  public record Database(String tier, Duration warmUp, double crudRate, double joinsRate, double hotRowRate,
                         double rollbackRate,
                         Duration duration, int poolBurstUsers, Duration recovery, Map<String, Duration> p95,
                         Duration maxDuration, List<SlaBound> slas) implements Profile {
    public static final List<String> OPERATIONS = List.of("crud", "joins", "hot-row", "rollback", "pool-burst");
  }

  /**
   * Steady mixed traffic while a fault schedule runs ({@link ChaosConfig} says how time scale places it).
   *
   * @param rate          arrivals per second of single-action users (an order, a page, a chat)
   * @param orderAttempts how many times an order is sent at most, honouring {@code Retry-After} in between
   * @param duration      the load, from its start: at least until the last fault's end + {@link #settle()}
   * @param grace         after a fault's end, errors still count as the fault's
   */
  public record Chaos(double rate, Map<String, Double> mix, String tier, int orderAttempts, Duration duration,
                      Duration grace, Recovery recovery, List<Fault> faults, Duration maxDuration,
                      List<SlaBound> slas) implements Profile {
    /** What a fault needs after it to be judged: the grace, the recovery bound and one recovery window. */
    public Duration settle() {
      return grace.plus(recovery.bound()).plus(recovery.window());
    }
  }

  /**
   * When a fault is over: the first window of {@code window} after its end whose p95 and failed share are within
   * these, no later than {@code bound} after the end.
   */
  public record Recovery(Duration bound, Duration window, Duration p95, double failedPercent) {
  }

  /**
   * One fault of the schedule. {@code at} is from the start of load, as placed for this run's time scale;
   * {@code duration} is its real length. Kind-specific values are zero or empty for the other kinds.
   *
   * @param databaseLatencyMs partial-degradation: added to every database call
   * @param providerErrors    partial-degradation: share of LLM provider calls that fail
   * @param onBegin           command: the shell command; url: the URL called (POST) when the fault begins
   * @param onEnd             as {@code onBegin}, when it ends; empty for nothing
   * @param timeout           command, url: how long {@code onBegin} or {@code onEnd} may take
   */
  public record Fault(String name, FaultKind kind, Duration at, Duration duration, int databaseLatencyMs,
                      double providerErrors, String onBegin, String onEnd, Duration timeout) {
    public Duration end() {
      return at.plus(duration);
    }
  }

  static Smoke smoke(ConfigReader p, Knobs k) {
    return new Smoke(k.users(p.positiveCount("users")), new PhaseLengths(p, k).maxDuration(),
        SlaBound.read(p, "sla", "global"));
  }

  static Load load(ConfigReader p, Knobs k) {
    PhaseLengths length = new PhaseLengths(p, k, "warm-up", "hold", "ramp-down");
    return new Load(k.rate(p.number("warm-up-rate")), length.of("warm-up"), k.rate(p.positiveNumber("rate")),
        length.of("hold"), length.of("ramp-down"), length.maxDuration(), SlaBound.read(p, "sla", "global"));
  }

  static Stress stress(ConfigReader p, Knobs k) {
    List<Integer> steps = p.counts("steps").stream().map(k::users).toList();
    if (steps.isEmpty()) {
      throw new InvalidConfigException(p.key("steps")
          + " is empty; it accepts a list of user counts such as [100, 200]");
    }
    PhaseLengths length = new PhaseLengths(p, k, "step-ramp", "step-hold", "ramp-down");
    return new Stress(steps, length.of("step-ramp"), length.of("step-hold"), length.of("ramp-down"),
        length.maxDuration(), SlaBound.read(p, "sla", "global"));
  }

  static Spike spike(ConfigReader p, Knobs k) {
    int base = p.positiveCount("base-users");
    double factor = p.positiveNumber("spike-factor");
    PhaseLengths length = new PhaseLengths(p, k, "before", "spike-ramp", "hold", "ramp-back", "recovery");
    return new Spike(k.users(base), k.users((int) Math.round(base * factor)), length.of("before"),
        length.of("spike-ramp"), length.of("hold"), length.of("ramp-back"), length.of("recovery"),
        p.positiveNumber("windows.spike-factor-max"), p.percent("windows.recovery-tolerance-percent"),
        p.duration("windows.floor"), length.maxDuration(), SlaBound.read(p, "sla", "global"));
  }

  static Soak soak(ConfigReader p, Knobs k) {
    PhaseLengths length = new PhaseLengths(p, k, "ramp", "duration");
    return new Soak(k.users(p.positiveCount("users")), length.of("ramp"), length.of("duration"),
        p.percent("windows.drift-tolerance-percent"), p.duration("windows.floor"), length.maxDuration(),
        SlaBound.read(p, "sla", "global"));
  }

  static BreakingPoint breakingPoint(ConfigReader p, Knobs k) {
    PhaseLengths length = new PhaseLengths(p, k, "level", "level-ramp");
    return new BreakingPoint(p.duration("warm-up"), k.rate(p.positiveNumber("start-rate")),
        k.rate(p.positiveNumber("step-rate")), p.positiveCount("levels"), length.of("level"), length.of("level-ramp"),
        p.duration("breaks-when.p95"), p.percent("breaks-when.failed-percent"), length.maxDuration());
  }

  static MultiTenant multiTenant(ConfigReader p, Knobs k) {
    List<Tier> tiers = new ArrayList<>();
    for (String tier : p.children("tiers")) {
      if (!TIERS.contains(tier)) {
        throw new InvalidConfigException(p.key("tiers." + tier) + " is not a tier; it accepts "
            + String.join(", ", TIERS));
      }
      ConfigReader t = p.at("tiers." + tier);
      tiers.add(new Tier(tier, k.users(t.positiveCount("users")), SlaBound.read(t, "sla", tier)));
    }
    PhaseLengths length = new PhaseLengths(p, k, "ramp", "hold");
    Workload users = new Workload(p.key(""), p.weights("mix", JOURNEYS), tiers.stream().map(Tier::name).toList());
    return new MultiTenant(users, tiers, length.of("ramp"), length.of("hold"), buckets(p),
        length.maxDuration());
  }

  static RateLimit rateLimit(ConfigReader p, Knobs k) {
    PhaseLengths length = new PhaseLengths(p, k, "sustained.duration");
    return new RateLimit(buckets(p), p.oneOf("burst.tier", TIERS), p.count("burst.overflow"),
        p.oneOf("sustained.tier", TIERS), p.percent("sustained.percent-of-limit"), length.of("sustained.duration"),
        p.oneOf("retry-after.tier", TIERS), p.positiveCount("retry-after.clients"),
        p.positiveCount("retry-after.max-attempts"), length.maxDuration(), SlaBound.read(p, "sla", "sustained"));
  }

  static FlashSale flashSale(ConfigReader p, Knobs k) {
    int users = k.users(p.positiveCount("users"));
    int stock = k.users(p.count("stock"));
    double buyers = p.percent("buyers-percent");
    if (Math.floor(users * buyers / 100) <= stock) {
      throw new InvalidConfigException(p.key("stock") + " = " + stock + " leaves no buyer without stock for "
          + users + " users of whom " + buyers + " % buy; it accepts a stock below the number of buyers");
    }
    // The arrival window is what makes the crowd a crowd (its rate), not a phase to shorten: never scaled.
    return new FlashSale(p.oneOf("tier", TIERS), users, stock, buyers, p.duration("arrival"),
        new PhaseLengths(p, k).maxDuration(), SlaBound.read(p, "sla", "global"));
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
    PhaseLengths length = new PhaseLengths(p, k, "duration", "recovery");
    return new Database(p.oneOf("tier", TIERS), p.duration("warm-up"), k.rate(p.number("crud-rate")),
        k.rate(p.number("joins-rate")),
        k.rate(p.number("hot-row-rate")), k.rate(p.number("rollback-rate")), length.of("duration"),
        k.users(p.count("pool-burst-users")), length.of("recovery"), p95, length.maxDuration(), List.copyOf(slas));
  }

  static Chaos chaos(ConfigReader p, Knobs k) {
    return ChaosConfig.read(p, k);
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

  static List<String> tiers(ConfigReader p, String path) {
    List<String> tiers = p.strings(path);
    for (String tier : tiers) {
      if (!TIERS.contains(tier)) {
        throw new InvalidConfigException(p.key(path) + " contains '" + tier + "'; it accepts tiers from "
            + String.join(", ", TIERS));
      }
    }
    if (tiers.isEmpty()) {
      throw new InvalidConfigException(p.key(path) + " is empty; it accepts a list of tiers from "
          + String.join(", ", TIERS));
    }
    return tiers;
  }
}
