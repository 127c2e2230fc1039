package dev.loadbearing.service.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.faults.LiveFaults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL behind a HikariCP pool, watched by a {@link HealthProbe} on a connection of its own;
 * closing it closes the probe and the pool and stops what it started. Its timeouts are {@link DatabaseTimeouts}.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String RETRIES = "database_transaction_retries";

  private final HikariDataSource pool;
  private final String description;
  private final AutoCloseable server;
  private final OptionalLong serverPid;
  private final Login login;
  private final LiveFaults faults;
  private final HealthProbe health;
  private final MeterRegistry meters;

  private Database(HikariDataSource pool, String description, AutoCloseable server, OptionalLong serverPid,
                   Login login, LiveFaults faults, HealthProbe health, MeterRegistry meters) {
    this.pool = pool;
    this.faults = faults;
    this.description = description;
    this.server = server;
    this.serverPid = serverPid;
    this.login = login;
    this.health = health;
    this.meters = meters;
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
   * connection ({@code fault.db-latency-ms} at start, changed live by a launcher).
   */
  public record Pool(int size, MeterRegistry meters, LiveFaults faults) {
    public Pool(int size, MeterRegistry meters) {
      this(size, meters, new LiveFaults(Faults.NONE));
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
    config.setConnectionTimeout(DatabaseTimeouts.POOL_WAIT.toMillis());
    config.setValidationTimeout(DatabaseTimeouts.VALIDATION.toMillis());
    // A query, not isValid(): pgjdbc's isValid rounds its timeout up to whole seconds, this one keeps 500 ms.
    config.setConnectionTestQuery("SELECT 1");
    config.setDataSourceProperties(DatabaseTimeouts.poolProperties());
    config.setInitializationFailTimeout(10_000);
    config.setMetricRegistry(poolSettings.meters());
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(config);
      HealthProbe health = new HealthProbe(() -> DriverManager.getConnection(url, probeLogin(user, password)));
      LOG.info("Database: {} (pool of {})", description, poolSize);
      return new Database(pool, description, server, serverPid, new Login(url, user, password),
          poolSettings.faults(), health, poolSettings.meters());
    } catch (RuntimeException cannotConnect) {
      if (pool != null) {
        pool.close();
      }
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

  /** The PostgreSQL server's process id when this service started the server itself (the current one). */
  public OptionalLong serverPid() {
    return server instanceof PostgresServer postgres ? OptionalLong.of(postgres.pid()) : serverPid;
  }

  /** Calls {@code listener} with the new pid each time the embedded server restarts after it stopped. */
  public void onServerRestart(LongConsumer listener) {
    if (server instanceof PostgresServer postgres) {
      postgres.onRestart(listener);
    }
  }

  /** The JDBC URL, user and password the pool uses; for monitoring tools that want their own connection. */
  public Login login() {
    return login;
  }

  /**
   * A connection from the pool, for the API's work (held longer when {@code fault.db-latency-ms} is on). Its read
   * timeout is what is left of {@link DatabaseTimeouts#BORROW} after the pool wait. While the health probe sees
   * the database down, fails at once (SQLSTATE 08001) instead of tying up a worker thread for that long.
   */
  public Connection connection() throws SQLException {
    if (!health.isUp()) {
      throw new SQLTransientConnectionException("The database does not answer its health check",
          SqlState.NOT_ANSWERING);
    }
    long started = System.nanoTime();
    Connection connection = pool.getConnection();
    try {
      connection.setNetworkTimeout(Runnable::run, DatabaseTimeouts.readTimeoutMillis(System.nanoTime() - started));
      faults.delayDatabase();
      return connection;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new SQLException("Interrupted while the injected database latency (fault.db-latency-ms) ran", interrupted);
    } catch (SQLException | RuntimeException failed) {
      connection.close();
      throw failed;
    }
  }

  /**
   * A connection of its own, outside the pool and without the request timeouts, for work at start that may take
   * long on a large seed (schema, seed data, VACUUM). The caller closes it.
   */
  public Connection maintenanceConnection() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", login.user());
    properties.setProperty("password", login.password());
    properties.setProperty("connectTimeout", Long.toString(DatabaseTimeouts.CONNECT.toSeconds()));
    properties.setProperty("ApplicationName", "loadbearing-maintenance");
    return DriverManager.getConnection(login.jdbcUrl(), properties);
  }

  /** Whether the database answers, as the health probe last saw it; never blocks. */
  public boolean isUp() {
    return health.isUp();
  }

  /** Counts a transaction run again after a deadlock or serialization failure, in {@code /metrics}. */
  void countRetry(SQLException conflict) {
    String reason = SqlState.DEADLOCK_DETECTED.equals(conflict.getSQLState()) ? "deadlock" : "serialization";
    Counter.builder(RETRIES).description("Transactions run a second time after a deadlock or serialization failure")
        .tag("reason", reason).register(meters).increment();
  }

  @Override
  public void close() {
    health.close();
    pool.close();
    closeQuietly(server);
  }

  /**
   * The health probe's own login, named for pg_stat_activity: a short TCP connect (a refused or unreachable server
   * fails fast), and no login timeout but the probe's long read timeout (see {@link HealthProbe#HUNG}).
   */
  private static Properties probeLogin(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", Long.toString(DatabaseTimeouts.CONNECT.toSeconds()));
    properties.setProperty("socketTimeout", Long.toString(HealthProbe.HUNG.toSeconds()));
    properties.setProperty("ApplicationName", "loadbearing-health");
    return properties;
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
