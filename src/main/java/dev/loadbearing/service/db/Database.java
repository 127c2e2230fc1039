package dev.loadbearing.service.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loadbearing.service.faults.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running PostgreSQL behind a HikariCP pool; closing it closes the pool and stops what it started. */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final String description;
  private final AutoCloseable server;
  private final OptionalLong serverPid;
  private final Login login;
  private final Faults faults;

  private Database(HikariDataSource pool, String description, AutoCloseable server, OptionalLong serverPid,
                   Login login, Faults faults) {
    this.pool = pool;
    this.faults = faults;
    this.description = description;
    this.server = server;
    this.serverPid = serverPid;
    this.login = login;
  }

  /** How to reach the database from outside the service: what the pool itself connects with. */
  public record Login(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
      return jdbcUrl + " as " + user;
    }
  }

  /** Starts or connects to the database the settings choose, and logs which one it is. */
  public static Database open(DatabaseSettings settings, Pool pool) {
    return switch (settings.kind()) {
      case EXTERNAL -> connect(settings.url().orElseThrow(), settings.user(), settings.password(), pool,
          "existing PostgreSQL at " + settings.url().get(), () -> { });
      case EMBEDDED -> EmbeddedDatabase.start(newDataDirectory(settings.dataRoot()), pool);
      case TESTCONTAINERS -> ContainerDatabase.start(pool);
    };
  }

  /**
   * Pool size, where the pool publishes its active/idle/pending gauges, and the faults that delay each borrowed
   * connection ({@code fault.db-latency-ms}).
   */
  public record Pool(int size, MeterRegistry meters, Faults faults) {
    public Pool(int size, MeterRegistry meters) {
      this(size, meters, Faults.NONE);
    }
  }

  static Database connect(String url, String user, String password, Pool poolSettings, String description,
                          AutoCloseable server) {
    return connect(url, user, password, poolSettings, description, server, OptionalLong.empty());
  }

  static Database connect(String url, String user, String password, Pool poolSettings, String description,
                          AutoCloseable server, OptionalLong serverPid) {
    int poolSize = poolSettings.size();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    config.setPoolName("loadbearing");
    // A request that cannot get a connection within this time is answered 503 instead of hanging.
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(10_000);
    config.setMetricRegistry(poolSettings.meters());
    try {
      HikariDataSource pool = new HikariDataSource(config);
      LOG.info("Database: {} (pool of {})", description, poolSize);
      return new Database(pool, description, server, serverPid, new Login(url, user, password),
          poolSettings.faults());
    } catch (RuntimeException cannotConnect) {
      closeQuietly(server);
      throw new IllegalStateException("Cannot connect to " + description + ": " + cannotConnect.getMessage()
          + ". Check the URL, user and password (db.url, db.user, db.password).", cannotConnect);
    }
  }

  public HikariDataSource pool() {
    return pool;
  }

  public String description() {
    return description;
  }

  /** The PostgreSQL server's process id when this service started the server itself. */
  public OptionalLong serverPid() {
    return serverPid;
  }

  /** The JDBC URL, user and password the pool uses; for monitoring tools that want their own connection. */
  public Login login() {
    return login;
  }

  /** A connection from the pool, for the API's work (held longer when {@code fault.db-latency-ms} is on). */
  public Connection connection() throws SQLException {
    Connection connection = pool.getConnection();
    try {
      faults.delayDatabase();
      return connection;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new SQLException("Interrupted while the injected database latency (fault.db-latency-ms) ran", interrupted);
    }
  }

  /** True when the database answers a trivial query within a second. */
  public boolean isUp() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException down) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
    closeQuietly(server);
  }

  private static Path newDataDirectory(Path root) {
    try {
      Files.createDirectories(root);
      return root.resolve("pgdata-" + UUID.randomUUID()).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the embedded database's folder under " + root, e);
    }
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      LOG.warn("Stopping the database failed: {}", e.toString());
    }
  }
}
