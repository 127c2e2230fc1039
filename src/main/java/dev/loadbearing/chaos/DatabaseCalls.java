package dev.loadbearing.chaos;

import dev.loadbearing.launcher.DatabaseAddress;
import dev.loadbearing.launcher.ServiceProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;

/** What the database faults do over JDBC, with the service's own database login. */
public final class DatabaseCalls {
  private DatabaseCalls() {
  }

  /**
   * {@code pg_terminate_backend} on every backend of the service's database but this call's own (the pool's, the
   * health probe's, a monitor's); returns how many were ended.
   */
  public static int terminateEveryOtherBackend(DatabaseAddress database) throws SQLException {
    try (Connection admin = connect(database);
         Statement statement = admin.createStatement();
         ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
             + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /**
   * Waits until the service tells a postmaster other than {@code before} and that server accepts connections;
   * fails after {@code bound} saying which of the two did not happen.
   */
  static void awaitRestart(ServiceProcess service, long before, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    String last = "no new postmaster pid from the service";
    while (System.nanoTime() < deadline) {
      OptionalLong now = service.databasePid();
      if (now.isPresent() && now.getAsLong() != before) {
        try (Connection connection = connect(service.database().orElseThrow())) {
          if (connection.isValid(1)) {
            return;
          }
        } catch (SQLException notYet) {
          last = "new postmaster " + now.getAsLong() + " does not accept connections yet: " + notYet.getMessage();
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("PostgreSQL did not come back within " + bound.toSeconds() + " s of its"
        + " restart (postmaster before: " + before + "; " + last + ")");
  }

  private static Connection connect(DatabaseAddress database) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", database.user());
    login.setProperty("password", database.password());
    // A stalled or restarting server must not hold a fault's step for long.
    login.setProperty("connectTimeout", "2");
    login.setProperty("socketTimeout", "5");
    login.setProperty("ApplicationName", "loadbearing-chaos");
    return DriverManager.getConnection(database.jdbcUrl(), login);
  }
}
