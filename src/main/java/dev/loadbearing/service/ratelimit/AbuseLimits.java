package dev.loadbearing.service.ratelimit;

import dev.loadbearing.service.Settings;

/**
 * What one client address may try without a tenant's key, how much the service remembers, and each tenant's
 * share of the assistant's providers; read once at start, documented in docs/API.md ("Limits and timeouts").
 * The defaults sit well above what the suite's profiles send from their one address (the Load profile on the
 * prod stage signs up about 1.5 tenants a second and sends no unknown key).
 *
 * @param signups              sign-up attempts ({@code POST /api/tenants}) per client address
 * @param unknownKeys          requests per client address with an API key the service does not know (each would
 *                             cost a database lookup); a key that turns out to be known gives its token back
 * @param cacheEntries         the most entries each in-memory cache holds (keys, tenants, unknown keys, token
 *                             buckets per tenant and per address, assistant quota windows per tenant)
 * @param assistantTenantShare the fraction of each provider's per-minute quota one tenant may use
 */
public record AbuseLimits(Budget signups, Budget unknownKeys, int cacheEntries, double assistantTenantShare) {
  public static final AbuseLimits DEFAULTS = new AbuseLimits(new Budget(100, 300), new Budget(20, 60), 100_000, 0.25);

  /** A token bucket per client address: {@code burst} at once, refilled at {@code perMinute}. */
  public record Budget(int burst, int perMinute) {
    public double perSecond() {
      return perMinute / 60.0;
    }
  }

  public static AbuseLimits from(Settings settings) {
    return new AbuseLimits(
        new Budget(settings.intInRange("abuse.signup-burst", DEFAULTS.signups().burst(), 1, 100_000_000),
            settings.intInRange("abuse.signups-per-minute", DEFAULTS.signups().perMinute(), 1, 100_000_000)),
        new Budget(settings.intInRange("abuse.unknown-key-burst", DEFAULTS.unknownKeys().burst(), 1, 100_000_000),
            settings.intInRange("abuse.unknown-keys-per-minute", DEFAULTS.unknownKeys().perMinute(), 1,
                100_000_000)),
        settings.intInRange("abuse.cache-entries", DEFAULTS.cacheEntries(), 10, 100_000_000),
        settings.doubleInRange("assistant.tenant-share", DEFAULTS.assistantTenantShare(), 0.01, 1));
  }
}
