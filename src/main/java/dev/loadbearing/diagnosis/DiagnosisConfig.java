package dev.loadbearing.diagnosis;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The thresholds of {@code diagnosis.conf} (documented there and in docs/DIAGNOSIS.md), read once. */
public record DiagnosisConfig(InjectorSaturated injectorSaturated, CpuBound cpuBound, Pool pool,
                              Gc gc, Locks locks, Cache cache, double slowStatementMinSharePercent,
                              RateLimit rateLimit, Leak leak, LlmFallbacks llmFallbacks) {

  public record InjectorSaturated(double injectorCpuShare, double machineCpuPercent, double injectorShareOfBusy,
                                  double minTimeShare) {
  }

  public record CpuBound(double cpuShare, double minTimeShare) {
  }

  /**
   * @param minTimeShare  pending requests in at least this share of the samples
   * @param busyShare     or the pool's connections in use at least this share of the time (exact, from the
   *                      usage timer) ...
   * @param minWaiting    ... while at least this many requests waited on average (acquire time per second)
   */
  public record Pool(double minTimeShare, double busyShare, double minWaiting) {
  }

  public record Gc(double warningTimeShare, double criticalTimeShare) {
  }

  public record Locks(double minTimeShare, Duration maxWait) {
  }

  public record Cache(double minHitPercent, long minBlocks) {
  }

  public record RateLimit(double warningPercent, double criticalPercent) {
  }

  /** Share (percent) of assistant chats that fell back to another provider or got a 503. */
  public record LlmFallbacks(double warningPercent, double criticalPercent, int minChats) {
  }

  public record Leak(double warmupShare, Duration minDuration, double confidence, int windows,
                     List<LeakSubject> subjects) {
  }

  /** One thing watched for growth: a series (or a family summed per sample) and when its growth is a leak. */
  public record LeakSubject(String name, String series, boolean envelope, double minGrowth, double minGrowthPercent) {
  }

  /** {@code diagnosis.conf} from the classpath, with -D system properties on top. */
  public static DiagnosisConfig load() {
    ConfigFactory.invalidateCaches();
    Config reference = ConfigFactory.parseResources("diagnosis.conf");
    if (!reference.hasPath("diagnosis")) {
      throw new IllegalStateException("diagnosis.conf is missing from the classpath");
    }
    return from(ConfigFactory.systemProperties().withFallback(reference).resolve(), reference);
  }

  /** The defaults alone, without -D overrides. */
  public static DiagnosisConfig defaults() {
    Config reference = ConfigFactory.parseResources("diagnosis.conf");
    return from(reference.resolve(), reference);
  }

  /**
   * Reads {@code diagnosis { ... }}. A key that the reference does not have, or a value out of its range,
   * fails naming the key and what it accepts.
   */
  static DiagnosisConfig from(Config root, Config reference) {
    Set<String> unknown = new TreeSet<>();
    root.getConfig("diagnosis").entrySet().forEach(e -> {
      if (!reference.getConfig("diagnosis").hasPathOrNull(e.getKey())
          && !e.getKey().startsWith("leak.subjects")) {
        unknown.add("diagnosis." + e.getKey());
      }
    });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("diagnosis.conf: unknown key(s) " + unknown
          + "; the keys and their meaning are in src/main/resources/diagnosis.conf");
    }
    try {
      Config c = root.getConfig("diagnosis");
      Config injector = c.getConfig("injector-saturated");
      Config cpu = c.getConfig("cpu-bound");
      Config gc = c.getConfig("gc");
      Config locks = c.getConfig("locks");
      Config cache = c.getConfig("cache");
      Config pool = c.getConfig("pool");
      Config rate = c.getConfig("rate-limit");
      Config llm = c.getConfig("llm-fallbacks");
      Config leak = c.getConfig("leak");
      List<LeakSubject> subjects = new ArrayList<>();
      for (Config s : leak.getConfigList("subjects")) {
        subjects.add(new LeakSubject(s.getString("name"), s.getString("series"), s.getBoolean("envelope"),
            atLeast(s, "min-growth", 0, "leak.subjects[].min-growth"),
            atLeast(s, "min-growth-percent", 0, "leak.subjects[].min-growth-percent")));
      }
      double warning = share(gc, "warning-time-share", "gc.warning-time-share");
      double critical = share(gc, "critical-time-share", "gc.critical-time-share");
      if (critical < warning) {
        throw new IllegalArgumentException("diagnosis.gc.critical-time-share (" + critical
            + ") must be at least diagnosis.gc.warning-time-share (" + warning + ")");
      }
      int windows = leak.getInt("windows");
      if (windows < 4) {
        throw new IllegalArgumentException("diagnosis.leak.windows must be at least 4, was " + windows);
      }
      double confidence = leak.getDouble("confidence");
      if (confidence <= 0.5 || confidence >= 1) {
        throw new IllegalArgumentException(
            "diagnosis.leak.confidence must be between 0.5 and 1 (e.g. 0.95), was " + confidence);
      }
      return new DiagnosisConfig(
          new InjectorSaturated(share(injector, "injector-cpu-share", "injector-saturated.injector-cpu-share"),
              percent(injector, "machine-cpu-percent", "injector-saturated.machine-cpu-percent"),
              share(injector, "injector-share-of-busy", "injector-saturated.injector-share-of-busy"),
              share(injector, "min-time-share", "injector-saturated.min-time-share")),
          new CpuBound(share(cpu, "cpu-share", "cpu-bound.cpu-share"),
              share(cpu, "min-time-share", "cpu-bound.min-time-share")),
          new Pool(share(pool, "min-time-share", "pool.min-time-share"), share(pool, "busy-share", "pool.busy-share"),
              atLeast(pool, "min-waiting", 0, "pool.min-waiting")),
          new Gc(warning, critical),
          new Locks(share(locks, "min-time-share", "locks.min-time-share"), locks.getDuration("max-wait")),
          new Cache(percent(cache, "min-hit-percent", "cache.min-hit-percent"),
              (long) atLeast(cache, "min-blocks", 0, "cache.min-blocks")),
          percent(c.getConfig("slow-statement"), "min-share-percent", "slow-statement.min-share-percent"),
          new RateLimit(percent(rate, "warning-percent", "rate-limit.warning-percent"),
              percent(rate, "critical-percent", "rate-limit.critical-percent")),
          new Leak(share(leak, "warmup-share", "leak.warmup-share"), leak.getDuration("min-duration"), confidence,
              windows, List.copyOf(subjects)),
          new LlmFallbacks(percent(llm, "warning-percent", "llm-fallbacks.warning-percent"),
              percent(llm, "critical-percent", "llm-fallbacks.critical-percent"),
              (int) atLeast(llm, "min-chats", 1, "llm-fallbacks.min-chats")));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("diagnosis.conf: " + e.getMessage(), e);
    }
  }

  private static double share(Config c, String key, String name) {
    return inRange(c, key, 0, 1, name, "a share between 0 and 1");
  }

  private static double percent(Config c, String key, String name) {
    return inRange(c, key, 0, 100, name, "a percentage between 0 and 100");
  }

  private static double atLeast(Config c, String key, double min, String name) {
    return inRange(c, key, min, Double.MAX_VALUE, name, "a number of at least " + min);
  }

  private static double inRange(Config c, String key, double min, double max, String name, String accepts) {
    double value;
    try {
      value = c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw new IllegalArgumentException("diagnosis." + name + ": '" + c.getValue(key).unwrapped()
          + "' is not a number; use " + accepts, e);
    }
    if (value < min || value > max || Double.isNaN(value)) {
      throw new IllegalArgumentException("diagnosis." + name + " = " + value + " is out of range; use " + accepts);
    }
    return value;
  }
}
