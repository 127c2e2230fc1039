package dev.loadbearing.service.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * Every in-memory map a client can make grow (keys, tenants, token buckets, quota windows) is built here:
 * bounded in entries, on the caller's clock (so tests can move time), and measured as
 * {@code cache_entries{cache}} in /metrics.
 */
public final class Caches {
  private Caches() {
  }

  /**
   * A builder holding at most {@code maxEntries} (the least recently used goes first). Maintenance runs on the
   * calling thread, so the bound holds when a call returns rather than whenever a background task gets to it.
   */
  public static Caffeine<Object, Object> bounded(long maxEntries, LongSupplier nanoClock) {
    return Caffeine.newBuilder().maximumSize(maxEntries).ticker(nanoClock::getAsLong).executor(Runnable::run);
  }

  /** Registers the size of {@code cache} as {@code cache_entries{cache=name}} and returns the cache. */
  public static <K, V> Cache<K, V> measured(String name, Cache<K, V> cache, MeterRegistry meters) {
    Gauge.builder("cache_entries", cache, Caches::size).tag("cache", name)
        .description("Entries held by a bounded in-memory cache").register(meters);
    return cache;
  }

  private static double size(Cache<?, ?> cache) {
    // Expired entries leave lazily; count only the live ones.
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
