package dev.loadbearing.service.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Applies {@code db/schema.sql} at start. The script is idempotent, so an existing database is fine. */
public final class Schema {
  private Schema() {
  }

  public static void apply(Database database) {
    String script = read("/db/schema.sql");
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.execute(script);
    } catch (SQLException e) {
      throw new IllegalStateException("Applying db/schema.sql failed: " + e.getMessage(), e);
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
