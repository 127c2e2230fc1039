package dev.loadbearing.service.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the database answers, asked every {@link #PERIOD} on a connection of its own, never one of the pool's:
 * a pool busy with slow requests is not a database that is down. {@link #isUp} never blocks (/health is polled
 * hard) and reads down as soon as a check has gone unanswered for {@link #TIMEOUT}, so a stalled database shows
 * within {@code PERIOD + TIMEOUT}.
 *
 * <p>The check itself is left waiting for up to {@link #HUNG}: a stalled server answers it the moment it runs
 * again, so recovery shows at once. Giving up sooner and connecting anew would put the new connection at the end
 * of the queue of connection attempts the stalled server has to work through first (measured: about 1 s).
 */
public final class HealthProbe implements AutoCloseable {
  public static final Duration PERIOD = Duration.ofMillis(100);
  public static final Duration TIMEOUT = Duration.ofMillis(500);
  /** How long one check (connecting included) may wait for the server before it is given up and started anew. */
  public static final Duration HUNG = Duration.ofSeconds(10);
  private static final long IDLE = Long.MIN_VALUE;

  /** Opens a new connection to the database, for the probe alone. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final AtomicLong checkStartedAt = new AtomicLong(IDLE);
  private final Thread thread;
  private volatile boolean up;
  private volatile boolean closed;
  /** The probe's thread uses it (and the constructor, before that thread starts); close() aborts it. */
  private volatile Connection connection;

  /** Checks once before returning, so the first answer is a real one, then goes on in the background. */
  public HealthProbe(Connector connector) {
    this.connector = connector;
    this.up = check();
    this.thread = new Thread(this::run, "database-health");
    thread.setDaemon(true);
    thread.start();
  }

  /** The last answer, unless a check has been running for longer than {@link #TIMEOUT}: then down. */
  public boolean isUp() {
    long started = checkStartedAt.get();
    return up && (started == IDLE || System.nanoTime() - started < TIMEOUT.toNanos());
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    Connection waiting = connection;
    if (waiting != null) {
      try {
        // Ends a check that waits on a stalled server, rather than waiting for it.
        waiting.abort(Runnable::run);
      } catch (SQLException | RuntimeException alreadyClosed) {
        // the thread closes it anyway
      }
    }
    try {
      thread.join(DatabaseTimeouts.LOGIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (!closed) {
        checkStartedAt.set(System.nanoTime());
        up = check();
        checkStartedAt.set(IDLE);
        Thread.sleep(PERIOD.toMillis());
      }
    } catch (InterruptedException stopping) {
      // close() was called
    } finally {
      closeConnection();
    }
  }

  /**
   * One trivial query. A connection that fails is replaced at once and asked again, so a dropped connection
   * (pg_terminate_backend, a restarted server that is back) is not reported as a database that is down.
   */
  private boolean check() {
    if (connection != null && answers(connection)) {
      return true;
    }
    closeConnection();
    try {
      connection = connector.open();
    } catch (SQLException | RuntimeException cannotConnect) {
      return false;
    }
    return answers(connection);
  }

  private static boolean answers(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      connection.setNetworkTimeout(Runnable::run, (int) HUNG.toMillis());
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException down) {
      return false;
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException alreadyBroken) {
      // nothing to do: it is being replaced
    }
    connection = null;
  }
}
