package dev.loadbearing.service.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by tenant id. The clock is injected (System::nanoTime in the service) so unit tests
 * can move time by hand; refusals are counted as {@code rate_limited_total{tier}}.
 */
public final class RateLimiter {
  private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final LongSupplier nanoClock;

  /** Registers the refusal counter of each known tier up front, so dashboards see zeros before the first 429. */
  public RateLimiter(MeterRegistry meters, LongSupplier nanoClock, Collection<String> tiers) {
    this.meters = meters;
    this.nanoClock = nanoClock;
    tiers.forEach(this::refusals);
  }

  /** Takes one token from the bucket of {@code key}, creating it full on first use. */
  public Decision admit(long key, String tier, int capacity, double refillPerSecond) {
    long now = nanoClock.getAsLong();
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, refillPerSecond, now));
    }
    Decision decision = bucket.take(now);
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
