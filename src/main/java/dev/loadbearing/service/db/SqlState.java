package dev.loadbearing.service.db;

import java.sql.SQLException;

/** The PostgreSQL SQLSTATEs the service answers on purpose (Appendix A of the PostgreSQL manual). */
public final class SqlState {
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String DEADLOCK_DETECTED = "40P01";
  public static final String STATEMENT_COMPLETION_UNKNOWN = "40003";
  public static final String LOCK_NOT_AVAILABLE = "55P03";
  /** Also what a server-side {@code statement_timeout} raises. */
  public static final String QUERY_CANCELED = "57014";
  /** What {@code pg_terminate_backend} and a fast shutdown raise. */
  public static final String ADMIN_SHUTDOWN = "57P01";
  /** Class 08: the connection failed, was refused, or was lost. */
  public static final String CONNECTION_EXCEPTION_CLASS = "08";
  /** Class 53: out of connections, memory or disk. */
  public static final String INSUFFICIENT_RESOURCES_CLASS = "53";
  /** Class 57: operator intervention (shutdown, crash, starting up); 57014 has its own meaning. */
  public static final String OPERATOR_INTERVENTION_CLASS = "57";
  /** Class 58: a system error outside PostgreSQL, such as an I/O error. */
  public static final String SYSTEM_ERROR_CLASS = "58";
  /**
   * What this service itself raises when it does not even try the database, because the health probe sees it
   * down (08001: the client could not establish a connection).
   */
  public static final String NOT_ANSWERING = "08001";

  private SqlState() {
  }

  /** A deadlock or a serialization failure: the transaction lost a race, and running it again may well succeed. */
  public static boolean isConflict(SQLException failure) {
    String state = failure.getSQLState();
    return DEADLOCK_DETECTED.equals(state) || SERIALIZATION_FAILURE.equals(state);
  }

  /** The database cannot serve now (connection lost or refused, shutting down, out of resources). */
  public static boolean isUnavailable(String state) {
    if (state == null || QUERY_CANCELED.equals(state)) {
      return false;
    }
    return state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
        || state.startsWith(OPERATOR_INTERVENTION_CLASS) || state.startsWith(SYSTEM_ERROR_CLASS)
        || STATEMENT_COMPLETION_UNKNOWN.equals(state);
  }
}
