package dev.loadbearing.service.ratelimit;

import java.time.Duration;

/**
 * One key's bucket. Synchronized per bucket: keys never contend with each other, and the critical
 * section is a few arithmetic operations, cheaper than a CAS retry loop over two fields.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final int capacity;
  private final double refillPerNano;
  private double tokens;
  private long lastRefill;

  TokenBucket(int capacity, double refillPerSecond, long now) {
    this.capacity = capacity;
    this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
    this.tokens = capacity;
    this.lastRefill = now;
  }

  synchronized Decision take(long now) {
    long elapsed = now - lastRefill;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
      lastRefill = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return new Decision(true, capacity, (int) tokens, 0);
    }
    double waitSeconds = (1 - tokens) / (refillPerNano * NANOS_PER_SECOND);
    return new Decision(false, capacity, 0, Math.max(1, (long) Math.ceil(waitSeconds)));
  }

  /** Gives back a token taken for something that turned out to cost nothing. */
  synchronized void refund() {
    tokens = Math.min(capacity, tokens + 1);
  }

  /** How long an untouched bucket takes to be full again from empty: after that, forgetting it changes nothing. */
  Duration fullAfter() {
    return Duration.ofNanos((long) Math.ceil(capacity / refillPerNano));
  }
}
