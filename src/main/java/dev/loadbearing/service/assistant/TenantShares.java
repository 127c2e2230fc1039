package dev.loadbearing.service.assistant;

import com.github.benmanes.caffeine.cache.Cache;
import dev.loadbearing.service.cache.Caches;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Each tenant's share of each provider's per-minute quota: one window per tenant and provider, as the
 * provider's own but holding {@code share} of its requests (at least 1). So one tenant can use up at most that
 * fraction of a provider and the rest stays for the others. A tenant's windows untouched for a minute are
 * forgotten: by then they would have reopened anyway, so forgetting them changes no answer.
 */
final class TenantShares {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int[] limits;
  private final LongSupplier nanoClock;
  private final Cache<Long, MinuteWindow[]> windows;

  TenantShares(List<ProviderSpec> specs, double share, long maxTenants, LongSupplier nanoClock,
               MeterRegistry meters) {
    this.limits = specs.stream().mapToInt(spec -> Math.max(1, (int) Math.floor(spec.requestsPerMinute() * share)))
        .toArray();
    this.nanoClock = nanoClock;
    this.windows = Caches.measured("assistant_tenant_windows", Caches.bounded(maxTenants, nanoClock)
        .expireAfterAccess(WINDOW).build(), meters);
  }

  /** The window of {@code tenant} for the provider at {@code index}. */
  MinuteWindow of(long tenant, int index) {
    return windows.get(tenant, t -> {
      long now = nanoClock.getAsLong();
      MinuteWindow[] each = new MinuteWindow[limits.length];
      for (int i = 0; i < limits.length; i++) {
        each[i] = new MinuteWindow(limits[i], now);
      }
      return each;
    })[index];
  }
}
