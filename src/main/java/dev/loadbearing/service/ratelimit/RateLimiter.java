package dev.loadbearing.service.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by tenant id, at most {@code maxBuckets} of them ({@link Buckets}: idle ones are
 * forgotten once full again). The clock is injected (System::nanoTime in the service) so unit tests can move
 * time by hand; refusals are counted as {@code rate_limited_total{tier}}, buckets held as
 * {@code cache_entries{cache="tenant_buckets"}}.
 */
public final class RateLimiter {
  private final Buckets<Long> buckets;
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  /** Registers the refusal counter of each known tier up front, so dashboards see zeros before the first 429. */
  public RateLimiter(MeterRegistry meters, LongSupplier nanoClock, Collection<String> tiers, long maxBuckets) {
    this.meters = meters;
    this.buckets = new Buckets<>("tenant_buckets", maxBuckets, nanoClock, meters);
    tiers.forEach(this::refusals);
  }

  /** With the default bound ({@link AbuseLimits#DEFAULTS}). */
  public RateLimiter(MeterRegistry meters, LongSupplier nanoClock, Collection<String> tiers) {
    this(meters, nanoClock, tiers, AbuseLimits.DEFAULTS.cacheEntries());
  }

  /** Takes one token from the bucket of {@code key}, creating it full on first use. */
  public Decision admit(long key, String tier, int capacity, double refillPerSecond) {
    Decision decision = buckets.take(key, capacity, refillPerSecond);
    if (!decision.allowed()) {
      refusals(tier).increment();
    }
    return decision;
  }

  private Counter refusals(String tier) {
    return refusals.computeIfAbsent(tier, t -> Counter.builder("rate_limited")
        .description("Requests refused with 429, by tenant tier").tag("tier", t).register(meters));
  }
}
