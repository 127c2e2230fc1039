package dev.loadbearing.service.db;

import dev.loadbearing.service.ConfigException;
import dev.loadbearing.service.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which PostgreSQL the service uses, in this order: an existing server named by {@code db.url}; else the
 * one {@code -Ddb} asks for ({@code embedded}, the default, or {@code testcontainers}).
 */
public record DatabaseSettings(Kind kind, Optional<String> url, String user, String password, Path dataRoot) {

  public enum Kind { EXTERNAL, EMBEDDED, TESTCONTAINERS }

  public static DatabaseSettings from(Settings settings) {
    Optional<String> url = settings.find("db.url");
    String user = settings.string("db.user", "postgres");
    String password = settings.string("db.password", "postgres");
    Path dataRoot = Path.of(settings.string("db.data-root", "target/loadbearing"));
    if (url.isPresent()) {
      if (!url.get().startsWith("jdbc:postgresql://")) {
        throw new ConfigException("db.url", url.get(),
            "a PostgreSQL JDBC URL like jdbc:postgresql://localhost:5432/app");
      }
      return new DatabaseSettings(Kind.EXTERNAL, url, user, password, dataRoot);
    }
    String kind = settings.string("db", "embedded");
    return switch (kind) {
      case "embedded" -> new DatabaseSettings(Kind.EMBEDDED, url, user, password, dataRoot);
      case "testcontainers" -> new DatabaseSettings(Kind.TESTCONTAINERS, url, user, password, dataRoot);
      default -> throw new ConfigException("db", kind,
          "embedded (the default) or testcontainers; for an existing server set db.url instead");
    };
  }
}
