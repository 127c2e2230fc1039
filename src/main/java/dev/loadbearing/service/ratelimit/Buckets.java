package dev.loadbearing.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.loadbearing.service.cache.Caches;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * Token buckets by key, bounded two ways. A bucket left untouched until it would be full again is dropped:
 * recreating it full on the next request changes no answer, so this bound is exact. Beyond {@code maxEntries}
 * busy buckets the least recently used goes too, and its spent tokens with it (more than that many keys
 * active within one refill time is the one case where a key could be admitted early).
 */
final class Buckets<K> {
  private final Cache<K, TokenBucket> buckets;
  private final LongSupplier nanoClock;

  Buckets(String name, long maxEntries, LongSupplier nanoClock, MeterRegistry meters) {
    this.nanoClock = nanoClock;
    this.buckets = Caches.measured(name, Caches.bounded(maxEntries, nanoClock)
        .expireAfter(Expiry.accessing((K key, TokenBucket bucket) -> bucket.fullAfter()))
        .build(), meters);
  }

  /** Takes one token from the bucket of {@code key}, creating it full on first use. */
  Decision take(K key, int capacity, double refillPerSecond) {
    long now = nanoClock.getAsLong();
    return buckets.get(key, k -> new TokenBucket(capacity, refillPerSecond, now)).take(now);
  }

  void refund(K key) {
    TokenBucket bucket = buckets.getIfPresent(key);
    if (bucket != null) {
      bucket.refund();
    }
  }
}
