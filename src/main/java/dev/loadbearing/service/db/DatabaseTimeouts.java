package dev.loadbearing.service.db;

import java.time.Duration;
import java.util.Properties;

/**
 * Every database timeout of the service, in one place; docs/API.md ("Database timeouts") lists them with their
 * reasons. Together they bound a request's wait on the database to about {@link #BORROW} (at most
 * {@code POOL_WAIT + VALIDATION + MIN_READ} when the pool wait ran late), whether the database is slow, locked,
 * stalled or gone.
 */
public final class DatabaseTimeouts {
  /** Longest wait for a pooled connection (HikariCP {@code connectionTimeout}); then 503 {@code database_busy}. */
  public static final Duration POOL_WAIT = Duration.ofSeconds(2);
  /** Longest check of a pooled connection that sat idle, before it is lent (HikariCP {@code validationTimeout}). */
  public static final Duration VALIDATION = Duration.ofMillis(500);
  /** Server side: a statement running longer is cancelled (57014, then 503 {@code database_timeout}). */
  public static final Duration STATEMENT = Duration.ofSeconds(2);
  /**
   * Server side: a wait for a lock longer than this gives up (55P03, then 503 {@code database_busy}). Above
   * PostgreSQL's {@code deadlock_timeout} (1 s by default), so that a deadlock is found as one, and retried.
   */
  public static final Duration LOCK = Duration.ofMillis(1_500);
  /**
   * Client side: the socket read timeout of a borrowed connection is what is left of this time after the pool
   * wait (set at each borrow, at least {@link #MIN_READ}); a read that waits longer fails, the request answers 503
   * {@code database_unavailable} and the connection is dropped. It bounds each read, not the sum of reads, which is
   * enough where it matters: when the database stalls, the first read that waits is the one that times out, and no
   * server timeout can fire then.
   */
  public static final Duration BORROW = Duration.ofMillis(2_500);
  /** The least read timeout a borrow gets, however long its pool wait took. */
  public static final Duration MIN_READ = Duration.ofMillis(250);
  /** TCP connect, for new pooled connections and the health probe's (pgjdbc {@code connectTimeout}). */
  public static final Duration CONNECT = Duration.ofSeconds(1);
  /** Connect and log in, for new pooled connections (pgjdbc {@code loginTimeout}). */
  public static final Duration LOGIN = Duration.ofSeconds(2);
  /** The read timeout of a pooled connection while not lent, for the pool's own work (pgjdbc {@code socketTimeout}). */
  public static final Duration IDLE_READ = Duration.ofSeconds(5);

  private DatabaseTimeouts() {
  }

  /** The driver properties of the pool's connections: the server-side timeouts and the client-side bounds. */
  static Properties poolProperties() {
    Properties properties = new Properties();
    properties.setProperty("options", "-c statement_timeout=" + STATEMENT.toMillis() + " -c lock_timeout="
        + LOCK.toMillis());
    properties.setProperty("connectTimeout", Long.toString(CONNECT.toSeconds()));
    properties.setProperty("loginTimeout", Long.toString(LOGIN.toSeconds()));
    properties.setProperty("socketTimeout", Long.toString(IDLE_READ.toSeconds()));
    properties.setProperty("ApplicationName", "loadbearing");
    return properties;
  }

  /** The read timeout of a borrow whose pool wait took {@code waitedNanos}: what is left of {@link #BORROW}. */
  static int readTimeoutMillis(long waitedNanos) {
    long left = BORROW.toMillis() - waitedNanos / 1_000_000;
    return (int) Math.max(MIN_READ.toMillis(), left);
  }
}
