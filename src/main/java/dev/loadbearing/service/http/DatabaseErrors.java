package dev.loadbearing.service.http;

import dev.loadbearing.service.db.DatabaseTimeouts;
import dev.loadbearing.service.db.SqlState;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Map;

/**
 * What a failed database call tells the client. Every condition a load test can provoke (a stalled, stopped or
 * restarted database, dropped connections, a full pool, long locks, slow statements, deadlocks) is a 409 or a
 * 503 with {@code Retry-After}, never a 500. Values the client sent (SQLSTATE class 22) are left to
 * {@link ErrorMapping}.
 */
final class DatabaseErrors {
  private static final Map<String, String> RETRY_AFTER = Map.of("Retry-After", "1");

  private DatabaseErrors() {
  }

  /** The error for a database failure anywhere in the cause chain; null when the failure is not one. */
  static ApiException toApiException(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    if (sql == null) {
      return null;
    }
    String state = sql.getSQLState();
    if (SqlState.isConflict(sql)) {
      return new ApiException(409, "transaction_conflict", "A concurrent request changed the same rows; the service"
          + " tried twice and nothing was changed. Retry later", null, RETRY_AFTER);
    }
    if (SqlState.LOCK_NOT_AVAILABLE.equals(state)) {
      return busy("Rows this request needs stayed locked longer than " + millis(DatabaseTimeouts.LOCK)
          + "; nothing was changed. Retry later");
    }
    if (SqlState.QUERY_CANCELED.equals(state)) {
      return new ApiException(503, "database_timeout", "The database did not finish within "
          + millis(DatabaseTimeouts.STATEMENT) + "; nothing was changed. Retry later", null, RETRY_AFTER);
    }
    if (SqlState.isUnavailable(state)) {
      return unavailable();
    }
    if (sql instanceof SQLTransientConnectionException) {
      // HikariCP's connection timeout: every pooled connection stayed busy.
      return busy("No database connection became free within " + millis(DatabaseTimeouts.POOL_WAIT)
          + "; retry later");
    }
    if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
        || hasCause(sql, IOException.class)) {
      return unavailable();
    }
    return null;
  }

  private static ApiException busy(String message) {
    return new ApiException(503, "database_busy", message, null, RETRY_AFTER);
  }

  /** A lost connection may have lost a commit's answer with it: the client cannot tell, so nor does the message. */
  private static ApiException unavailable() {
    return new ApiException(503, "database_unavailable", "The database did not answer in time or the connection"
        + " to it was lost; retry later", null, RETRY_AFTER);
  }

  private static SQLException firstSqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String millis(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
