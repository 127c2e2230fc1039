package dev.loadbearing.service;

import dev.loadbearing.service.db.DatabaseSettings;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.http.HttpLimits;
import dev.loadbearing.service.ratelimit.AbuseLimits;

/**
 * How the reference service runs, read once at start. Each value comes from a system property
 * ({@code -Dport=8080}), else an environment variable ({@code LOADBEARING_PORT}), else the default.
 */
public record ServiceConfig(String host, int port, int seedProducts, int seedTenantsPerTier, int poolSize,
                            DatabaseSettings database, double assistantLatencyScale, double rateLimitMultiplier,
                            Faults faults, HttpLimits http, AbuseLimits abuse) {

  /** Seed size used when nothing is asked: small, so a smoke run starts in seconds. */
  public static final int DEFAULT_SEED_PRODUCTS = 2_000;
  /** The {@code -Dseed=large} preset, for volume runs. */
  public static final int LARGE_SEED_PRODUCTS = 300_000;

  /** With the default abuse limits. */
  public ServiceConfig(String host, int port, int seedProducts, int seedTenantsPerTier, int poolSize,
                       DatabaseSettings database, double assistantLatencyScale, double rateLimitMultiplier,
                       Faults faults, HttpLimits http) {
    this(host, port, seedProducts, seedTenantsPerTier, poolSize, database, assistantLatencyScale,
        rateLimitMultiplier, faults, http, AbuseLimits.DEFAULTS);
  }

  /** With the default HTTP limits and timeouts. */
  public ServiceConfig(String host, int port, int seedProducts, int seedTenantsPerTier, int poolSize,
                       DatabaseSettings database, double assistantLatencyScale, double rateLimitMultiplier,
                       Faults faults) {
    this(host, port, seedProducts, seedTenantsPerTier, poolSize, database, assistantLatencyScale,
        rateLimitMultiplier, faults, HttpLimits.DEFAULTS);
  }

  /** A service that misbehaves in no way on purpose. */
  public ServiceConfig(String host, int port, int seedProducts, int seedTenantsPerTier, int poolSize,
                       DatabaseSettings database, double assistantLatencyScale, double rateLimitMultiplier) {
    this(host, port, seedProducts, seedTenantsPerTier, poolSize, database, assistantLatencyScale,
        rateLimitMultiplier, Faults.NONE);
  }

  public static ServiceConfig load() {
    Settings settings = Settings.fromSystem();
    return new ServiceConfig(
        settings.string("host", "127.0.0.1"),
        settings.intInRange("port", 8080, 0, 65_535),
        seedProducts(settings),
        settings.intInRange("seed.tenants-per-tier", 5, 1, 1_000),
        settings.intInRange("db.pool-size", 16, 1, 200),
        DatabaseSettings.from(settings),
        // 0 answers at once (tests), 1 is real time, 10 makes every simulated provider ten times slower.
        settings.doubleInRange("assistant.latency-scale", 1.0, 0, 100),
        // Multiplies every tier's bucket; benchmarks raise it so wrk measures the request path, not 429s.
        settings.doubleInRange("ratelimit.multiplier", 1.0, 0.001, 1_000_000),
        // Off unless asked: a leak and a CPU burn per API request, to prove the diagnosis (docs/FAULTS.md).
        Faults.from(settings),
        // Timeouts and the per-address connection bound (docs/API.md, "Limits and timeouts").
        HttpLimits.from(settings),
        // Sign-ups and unknown keys per client address, cache bounds, a tenant's share of the assistant.
        AbuseLimits.from(settings));
  }

  private static int seedProducts(Settings settings) {
    String preset = settings.string("seed", "small");
    return switch (preset) {
      case "small" -> settings.intInRange("seed.products", DEFAULT_SEED_PRODUCTS, 0, 10_000_000);
      case "large" -> settings.intInRange("seed.products", LARGE_SEED_PRODUCTS, 0, 10_000_000);
      default -> throw new ConfigException("seed", preset, "small or large");
    };
  }
}
