package dev.loadbearing.service.assistant;

import java.util.concurrent.TimeUnit;

/** A fixed one-minute request window, as many provider quotas are; the clock is injected. */
final class MinuteWindow {
  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int limit;
  private long windowStart;
  private int used;

  MinuteWindow(int limit, long now) {
    this.limit = limit;
    this.windowStart = now;
  }

  synchronized boolean tryAcquire(long now) {
    if (now - windowStart >= WINDOW_NANOS) {
      windowStart = now;
      used = 0;
    }
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  /**
   * Gives back a request {@link #tryAcquire} took at {@code acquiredAt} and that was not sent after all; a no-op
   * when the window has reopened since (that request is no longer counted).
   */
  synchronized void refund(long acquiredAt) {
    if (used > 0 && acquiredAt - windowStart >= 0) {
      used--;
    }
  }

  /** Whole seconds, at least 1, until the window opens again. */
  synchronized long secondsUntilReset(long now) {
    long left = WINDOW_NANOS - (now - windowStart);
    return Math.max(1, (long) Math.ceil(left / 1e9));
  }
}
