package dev.loadbearing.service.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs work in one transaction: committed when it returns, rolled back when it throws anything. A transaction
 * that loses a race (deadlock, serialization failure) is run once more, on a fresh borrow, after a short random
 * pause that lets the winner finish first (run at once, it met the winner again half the time in
 * DatabaseFaultsIT); a second loss is thrown, and answered 409 with {@code Retry-After}. The work must
 * therefore be safe to run twice: it may only change the database, never state outside it.
 */
public final class Transaction {
  private static final int PAUSE_MIN_MILLIS = 20;
  private static final int PAUSE_MAX_MILLIS = 80;
  private Transaction() {
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public static <T> T run(Database database, Work<T> work) throws SQLException {
    try {
      return once(database, work);
    } catch (SQLException failure) {
      if (!SqlState.isConflict(failure)) {
        throw failure;
      }
      database.countRetry(failure);
      pause(failure);
      return once(database, work);
    }
  }

  private static <T> T once(Database database, Work<T> work) throws SQLException {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException | Error failure) {
        rollback(connection, failure);
        throw failure;
      }
    }
  }

  private static void pause(SQLException failure) throws SQLException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(PAUSE_MIN_MILLIS, PAUSE_MAX_MILLIS + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  /** A rollback on a lost connection fails too; the first failure is the one to report. */
  private static void rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailed) {
      failure.addSuppressed(rollbackFailed);
    }
  }
}
