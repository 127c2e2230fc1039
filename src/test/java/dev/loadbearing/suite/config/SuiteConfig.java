package dev.loadbearing.suite.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.loadbearing.diagnosis.ServerSlas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The suite's configuration, read once from {@code loadbearing.conf}. Precedence: {@code -D} system
 * property &gt; environment ({@code LOADBEARING_*} short forms, {@code CONFIG_FORCE_loadbearing_...} for any
 * key) &gt; file. Any invalid value, and any {@code -Dloadbearing.*} key the file does not know, stops the run
 * before load is sent, naming the key and what it accepts.
 */
public final class SuiteConfig {
  public static final List<String> STAGES = List.of("dev", "staging", "prod");
  private static final String ENV_OVERRIDE = "CONFIG_FORCE_";
  private static volatile SuiteConfig current;

  private final Config root;
  private final Knobs knobs;
  private final JourneyConfig journeys;

  /** Knobs and journey weights are checked here, whichever profile runs; a profile's own block when read. */
  private SuiteConfig(Config root) {
    this.root = root;
    this.knobs = readKnobs(new ConfigReader(root, "loadbearing"));
    this.journeys = JourneyConfig.read(new ConfigReader(root, "loadbearing").at("journeys"));
    // Every profile's server-sla too: a typo in a profile not run today still fails today.
    ConfigReader all = new ConfigReader(root, "loadbearing");
    all.children("profiles").forEach(profile -> ServerSla.read(all, profile));
  }

  /** The configuration of this JVM (system properties and environment), loaded and validated once. */
  public static SuiteConfig current() {
    if (current == null) {
      synchronized (SuiteConfig.class) {
        if (current == null) {
          current = of(System.getProperties(), System.getenv());
        }
      }
    }
    return current;
  }

  /** Forgets the loaded configuration, so the next {@link #current()} reads system properties again. */
  public static synchronized void reload() {
    current = null;
  }

  /** The resolved {@code loadbearing} block of {@link #current()}. */
  public static Config root() {
    return current().root;
  }

  public static TargetConfig target() {
    Config target = root().getConfig("target");
    try {
      return new TargetConfig(nonBlank(target.getString("base-url")), nonBlank(target.getString("api-key")),
          target.getBoolean("allow-remote"), target.getDuration("ready-timeout"),
          target.getStringList("forwarded-properties"), path(target, "health-path"), path(target, "warm-up-path"));
    } catch (ConfigException.WrongType | ConfigException.BadValue invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  /**
   * The telemetry block. {@code -Dtelemetry=false} is read here rather than through the file: as a property it
   * would be both a value and the parent of {@code telemetry.interval}, which Typesafe Config cannot hold.
   */
  public static TelemetryConfig telemetry() {
    Config telemetry = root().getConfig("telemetry");
    try {
      boolean enabled = telemetry.getBoolean("enabled");
      String flag = System.getProperty("telemetry");
      if (flag != null) {
        if (!flag.equals("true") && !flag.equals("false")) {
          throw new InvalidConfigException("-Dtelemetry=" + flag + " must be true or false");
        }
        enabled = Boolean.parseBoolean(flag);
      }
      Duration interval = telemetry.getDuration("interval");
      if (interval.compareTo(Duration.ofMillis(100)) < 0) {
        throw new InvalidConfigException("telemetry interval " + interval.toMillis() + " ms is too short; "
            + "use 100ms or more (-Dtelemetry.interval=1s)");
      }
      return new TelemetryConfig(enabled, interval, path(telemetry, "metrics-path"),
          nonBlank(telemetry.getString("db-url")), telemetry.getString("db-user"),
          telemetry.getString("db-password"));
    } catch (ConfigException.WrongType | ConfigException.BadValue invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  /** Loads and checks a configuration from the given system properties and environment. */
  public static SuiteConfig of(Properties properties, Map<String, String> environment) {
    ConfigFactory.invalidateCaches();
    try {
      Config file = ConfigFactory.parseResources("loadbearing.conf");
      if (file.isEmpty()) {
        throw new InvalidConfigException("loadbearing.conf is missing from the test classpath (src/test/resources)");
      }
      Config props = ConfigFactory.parseProperties(properties);
      Config env = environmentOverrides(environment);
      Config known = file.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
      rejectUnknownKeys(known, props, "-D");
      rejectUnknownKeys(known, env, "environment " + ENV_OVERRIDE);
      Map<String, String> shortForms = new LinkedHashMap<>();
      environment.forEach((name, value) -> {
        // JOB_COMPLETION_INDEX: the injector's index in a Kubernetes Indexed Job.
        if (name.startsWith("LOADBEARING_") || name.equals("JOB_COMPLETION_INDEX")) {
          shortForms.put(name, value);
        }
      });
      // Short forms (-DtimeScale, LOADBEARING_TIME_SCALE) sit at the top level, where the file's ${?...} finds them.
      Config merged = props.withFallback(env).withFallback(ConfigValueFactory.fromMap(shortForms).toConfig())
          .withFallback(file).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
      return new SuiteConfig(merged.getConfig("loadbearing"));
    } catch (ConfigException invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  public Knobs knobs() {
    return knobs;
  }

  /** Live metrics during the run (-Dlive.port, -Dlive.host, -Dlive.linger); off by default. */
  public LiveConfig live() {
    return LiveConfig.read(root.getConfig("live"));
  }

  public JourneyConfig journeys() {
    return journeys;
  }

  public Profiles.Smoke smoke() {
    return profile("smoke", Profiles::smoke);
  }

  public Profiles.Load load() {
    return profile("load", Profiles::load);
  }

  public Profiles.Stress stress() {
    return profile("stress", Profiles::stress);
  }

  public Profiles.Spike spike() {
    return profile("spike", Profiles::spike);
  }

  public Profiles.Soak soak() {
    return profile("soak", Profiles::soak);
  }

  public Profiles.BreakingPoint breakingPoint() {
    return profile("breaking-point", Profiles::breakingPoint);
  }

  public Profiles.MultiTenant multiTenant() {
    return profile("multi-tenant", Profiles::multiTenant);
  }

  public Profiles.RateLimit rateLimit() {
    return profile("rate-limit", Profiles::rateLimit);
  }

  public Profiles.FlashSale flashSale() {
    return profile("flash-sale", Profiles::flashSale);
  }

  public Profiles.Database database() {
    return profile("database", Profiles::database);
  }

  public Profiles.Chaos chaos() {
    return profile("chaos", Profiles::chaos);
  }

  /**
   * A journey of your own, from {@code loadbearing.journeys.<name>}: step weights (only {@code steps}, summing
   * to 100) and think times.
   */
  public JourneyConfig.Journey journey(String name, List<String> steps) {
    ConfigReader journeys = new ConfigReader(root, "loadbearing").at("journeys");
    if (!journeys.has(name)) {
      throw new InvalidConfigException("loadbearing.journeys." + name + " is missing from loadbearing.conf; "
          + "add it with weights for " + String.join(", ", steps) + " and a think-time");
    }
    return JourneyConfig.journey(journeys, name, steps);
  }

  /**
   * Who arrives in a profile, from {@code loadbearing.workloads.<key>}: the journeys' mix and the tenants' tiers.
   * An unknown key fails naming the workloads there are.
   */
  public Workload workload(String key) {
    try {
      return Workload.read(new ConfigReader(root, "loadbearing").at("workloads"), key);
    } catch (ConfigException invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  /**
   * The server-side SLAs of a profile ({@code breaking-point}): {@code loadbearing.server-sla}, with the keys the
   * profile's own {@code server-sla} block overrides; a bound switched {@code off} is left out.
   */
  public List<ServerSlas.Bound> serverSla(String profile) {
    try {
      return ServerSla.read(new ConfigReader(root, "loadbearing"), profile);
    } catch (ConfigException invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  public int tenantsPerTier() {
    return new ConfigReader(root, "loadbearing").positiveCount("tenants.per-tier");
  }

  private <T> T profile(String name, BiFunction<ConfigReader, Knobs, T> reader) {
    ConfigReader all = new ConfigReader(root, "loadbearing");
    if (!all.has("profiles." + name)) {
      throw new InvalidConfigException("loadbearing.profiles." + name + " is missing from loadbearing.conf");
    }
    knobs.split().check(name);
    try {
      return reader.apply(all.at("profiles." + name), knobs);
    } catch (ConfigException invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  private static Knobs readKnobs(ConfigReader all) {
    String stage = all.oneOf("run.stage", STAGES);
    double timeScale = all.positiveNumber("run.time-scale");
    double loadScale = all.positiveNumber("run.load-scale");
    double reference = all.positiveNumber("stages.reference-peak-users");
    double peak = all.positiveNumber("stages." + stage + ".peak-users");
    Split split = Split.of(all.string("run.injectors"), all.string("run.injector-index"), all.string("run.start-at"),
        all.string("run.start-rendezvous"), all.string("run.run-id"), Instant.now());
    return new Knobs(stage, timeScale, loadScale, peak / reference * loadScale, all.duration("run.max-duration-floor"),
        split);
  }

  /** {@code CONFIG_FORCE_loadbearing_profiles_load_rate=40}: "_" is ".", "__" is "-", "___" is "_". */
  private static Config environmentOverrides(Map<String, String> environment) {
    Map<String, Object> values = new LinkedHashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_OVERRIDE)) {
        String path = name.substring(ENV_OVERRIDE.length())
            .replace("___", "\u0000").replace("__", "-").replace('_', '.').replace('\u0000', '_');
        values.put(path, value);
      }
    });
    return ConfigFactory.parseMap(values);
  }

  private static void rejectUnknownKeys(Config known, Config overrides, String origin) {
    if (!overrides.hasPath("loadbearing")) {
      return;
    }
    for (Map.Entry<String, ?> entry : overrides.getConfig("loadbearing").entrySet()) {
      String key = "loadbearing." + entry.getKey();
      if (known.hasPathOrNull(key) || key.matches(".*\\.sla\\.reasons\\.[a-z0-9-]+")
          || shortFormOfAProfile(known, key) || serverSlaOfAProfile(known, key)
          || key.matches("loadbearing\\.profiles\\.multi-tenant\\.tiers\\."
              + "(free|starter|professional|enterprise)\\..+")) {
        continue;
      }
      String parent = key;
      while (parent.contains(".") && !known.hasPathOrNull(parent)) {
        parent = parent.substring(0, parent.lastIndexOf('.'));
      }
      List<String> accepted = new ArrayList<>();
      if (known.hasPath(parent) && known.getValue(parent) instanceof com.typesafe.config.ConfigObject) {
        accepted.addAll(new TreeSet<>(known.getConfig(parent).root().keySet()));
      }
      throw new InvalidConfigException("unknown key " + key + " (from " + origin + "); "
          + (accepted.isEmpty() ? "check the spelling against loadbearing.conf"
          : parent + " accepts " + String.join(", ", accepted)));
    }
  }

  /** A path on the target: empty, or starting with '/'. */
  private static String path(Config target, String key) {
    String value = target.getString(key).strip();
    if (!value.isEmpty() && !value.startsWith("/")) {
      throw new InvalidConfigException(key + " = '" + value + "' must start with '/' "
          + "(e.g. /health), or be empty to do without");
    }
    return value;
  }

  /** A short-form length of a profile that exists; {@link PhaseLengths} says which lengths it accepts. */
  private static boolean shortFormOfAProfile(Config known, String key) {
    int at = key.indexOf("." + PhaseLengths.SHORT_FORM + ".");
    return key.startsWith("loadbearing.profiles.") && at > 0 && known.hasPath(key.substring(0, at))
        && key.substring(0, at).chars().filter(c -> c == '.').count() == 2;
  }

  /** A profile's own server-sla key; {@link ServerSla} says which keys it accepts. */
  private static boolean serverSlaOfAProfile(Config known, String key) {
    int at = key.indexOf("." + ServerSla.BLOCK + ".");
    return key.startsWith("loadbearing.profiles.") && at > 0 && known.hasPath(key.substring(0, at))
        && key.substring(0, at).chars().filter(c -> c == '.').count() == 2;
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }
}
