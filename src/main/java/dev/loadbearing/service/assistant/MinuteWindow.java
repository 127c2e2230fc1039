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
   * Gives back a request taken by {@link #tryAcquire} that was not sent after all. Called at once after it, so
   * the window it was taken from is, but for a reset in between, the current one; then it is a no-op.
   */
  synchronized void refund() {
    if (used > 0) {
      used--;
    }
  }

  /** Whole seconds, at least 1, until the window opens again. */
  synchronized long secondsUntilReset(long now) {
    long left = WINDOW_NANOS - (now - windowStart);
    return Math.max(1, (long) Math.ceil(left / 1e9));
  }
}
