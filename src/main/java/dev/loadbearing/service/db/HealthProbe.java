package dev.loadbearing.service.db;

import java.util.concurrent.TimeUnit;

/**
 * Whether the database answers, asked at most once per interval. /health is polled hard by load balancers
 * and benchmarks; a round trip to PostgreSQL on every call would make it measure the database, not the service.
 */
public final class HealthProbe {
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Database database;
  private volatile boolean up;
  private volatile long checkedAt;
  private volatile boolean checkedOnce;

  public HealthProbe(Database database) {
    this.database = database;
  }

  public boolean isUp() {
    long now = System.nanoTime();
    if (!checkedOnce || now - checkedAt > INTERVAL_NANOS) {
      synchronized (this) {
        if (!checkedOnce || now - checkedAt > INTERVAL_NANOS) {
          up = database.isUp();
          checkedAt = System.nanoTime();
          checkedOnce = true;
        }
      }
    }
    return up;
  }
}
