package dev.loadbearing.service.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction: committed when it returns, rolled back when it throws anything. */
public final class Transaction {
  private Transaction() {
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public static <T> T run(Database database, Work<T> work) throws SQLException {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException | Error failure) {
        connection.rollback();
        throw failure;
      }
    }
  }
}
