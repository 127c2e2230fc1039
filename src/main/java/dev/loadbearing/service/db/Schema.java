package dev.loadbearing.service.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code db/schema.sql} at start. The script is idempotent, so an existing database is fine. Then
 * enables {@code pg_stat_statements} where it can, for the run's top statements; never failing for it.
 */
public final class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  private Schema() {
  }

  public static void apply(Database database) {
    String script = read("/db/schema.sql");
    try (Connection connection = database.maintenanceConnection();
         Statement statement = connection.createStatement()) {
      statement.execute(script);
    } catch (SQLException e) {
      throw new IllegalStateException("Applying db/schema.sql failed: " + e.getMessage(), e);
    }
    enableStatementStatistics(database);
  }

  /**
   * {@code CREATE EXTENSION} needs rights a user's own database may not grant, and the view answers only when
   * the server preloaded the library; either way the service runs, with one line saying why there are no
   * statement statistics.
   *
   * @return true when {@code pg_stat_statements} can be read
   */
  static boolean enableStatementStatistics(Database database) {
    try (Connection connection = database.maintenanceConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      statement.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
      LOG.info("pg_stat_statements: on");
      return true;
    } catch (SQLException unavailable) {
      String reason = unavailable.getMessage() == null ? unavailable.toString()
          : unavailable.getMessage().lines().findFirst().orElse("").strip();
      LOG.info("pg_stat_statements: off ({}); runs will have no top statements", reason);
      return false;
    }
  }

  private static String read(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }
}
