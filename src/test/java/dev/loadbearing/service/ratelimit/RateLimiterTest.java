package dev.loadbearing.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private long now = 1_000_000_000L;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RateLimiter limiter = new RateLimiter(meters, () -> now, List.of("free"));

  private Decision take() {
    return limiter.admit(1, "free", 20, 5);
  }

  @Test
  void allowsAFullBurstThenRefusesWithRetryAfter() {
    for (int i = 0; i < 20; i++) {
      Decision decision = take();
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(19 - i);
      assertThat(decision.limit()).isEqualTo(20);
    }
    Decision refused = take();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void refillsAtTheTierRate() {
    for (int i = 0; i < 20; i++) {
      take();
    }
    now += TimeUnit.MILLISECONDS.toNanos(400);
    assertThat(take().allowed()).as("two tokens after 0.4 s at 5/s").isTrue();
    assertThat(take().allowed()).isTrue();
    assertThat(take().allowed()).isFalse();
  }

  @Test
  void neverRefillsBeyondCapacity() {
    now += TimeUnit.HOURS.toNanos(1);
    assertThat(take().remaining()).isEqualTo(19);
  }

  @Test
  void retryAfterIsWholeSecondsAndAtLeastOne() {
    RateLimiter slow = new RateLimiter(meters, () -> now, List.of("free"));
    slow.admit(9, "slow", 1, 0.25);
    Decision refused = slow.admit(9, "slow", 1, 0.25);
    assertThat(refused.retryAfterSeconds()).isEqualTo(4);
  }

  @Test
  void keepsOneBucketPerTenant() {
    for (int i = 0; i < 20; i++) {
      take();
    }
    assertThat(take().allowed()).isFalse();
    assertThat(limiter.admit(2, "free", 20, 5).allowed()).isTrue();
  }

  @Test
  void countsRefusalsByTier() {
    for (int i = 0; i < 23; i++) {
      take();
    }
    assertThat(meters.get("rate_limited").tag("tier", "free").counter().count()).isEqualTo(3);
  }

  @Test
  void forgetsABucketOnlyOnceItWouldBeFullAgain() {
    for (int i = 0; i < 20; i++) {
      take();
    }
    now += TimeUnit.MILLISECONDS.toNanos(3_900);
    assertThat(buckets()).as("19.5 of 20 tokens back: still held").isEqualTo(1);
    assertThat(take().remaining()).isEqualTo(18);
    now += TimeUnit.SECONDS.toNanos(4);
    assertThat(buckets()).as("full again after 4 s at 5/s: forgotten").isZero();
    assertThat(take().remaining()).as("a new full bucket answers as the old one would").isEqualTo(19);
  }

  @Test
  void holdsAtMostItsBoundOfBuckets() {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    RateLimiter bounded = new RateLimiter(own, () -> now, List.of("free"), 100);
    for (long tenant = 0; tenant < 1_000; tenant++) {
      bounded.admit(tenant, "free", 20, 5);
    }
    assertThat(own.get("cache_entries").tag("cache", "tenant_buckets").gauge().value()).isEqualTo(100);
  }

  private double buckets() {
    return meters.get("cache_entries").tag("cache", "tenant_buckets").gauge().value();
  }
}
