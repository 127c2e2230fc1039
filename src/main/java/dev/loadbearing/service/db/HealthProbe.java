package dev.loadbearing.service.db;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the database answers, without a round trip per call: /health is polled hard by load balancers
 * and benchmarks, and must measure the service, not PostgreSQL. The answer is refreshed in the background
 * when older than {@link #REFRESH_NANOS}; a refresh still unanswered after {@link #STUCK_NANOS} (a hung
 * database) counts as down.
 */
public final class HealthProbe {
  private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final Database database;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile boolean up;
  private volatile long confirmedAt;
  private volatile long refreshStartedAt;

  public HealthProbe(Database database) {
    this.database = database;
    refresh();
  }

  /** Never blocks: answers from the last check and, when that is old, starts a new one on {@code executor}. */
  public boolean isUp(Executor executor) {
    long now = System.nanoTime();
    if (now - confirmedAt > REFRESH_NANOS && refreshing.compareAndSet(false, true)) {
      refreshStartedAt = now;
      executor.execute(() -> {
        try {
          refresh();
        } finally {
          refreshing.set(false);
        }
      });
    }
    boolean stuck = refreshing.get() && now - refreshStartedAt > STUCK_NANOS;
    return up && !stuck;
  }

  private void refresh() {
    up = database.isUp();
    confirmedAt = System.nanoTime();
  }
}
