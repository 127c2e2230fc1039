package dev.loadbearing.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loadbearing.compare.InputException;
import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.Driver;

/**
 * The history as a PostgreSQL table, {@value #TABLE} (schema in {@code history/schema.sql}, applied at first use),
 * for teams that chart it in Grafana. One connection per call: a run appends once, a trend reads once. Connect,
 * login and every statement are bounded, so a database that is down or hung fails the call within seconds; a
 * row that does not read back as a stats.json is reported through {@code warnings} and left out.
 */
public final class PostgresHistory implements RunHistory {
  public static final String TABLE = "loadbearing_runs";
  /** Seconds; as pgjdbc connection properties, so a URL that sets its own wins. */
  private static final String CONNECT_TIMEOUT = "5";
  private static final String SOCKET_TIMEOUT = "30";
  private static final String UPSERT = "INSERT INTO " + TABLE + " (simulation, run_folder, started_at, git_commit,"
      + " shape, request_count, ko_percent, p50_ms, p95_ms, p99_ms, mean_requests_per_sec, stats)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
      + " ON CONFLICT (simulation, run_folder) DO UPDATE SET started_at = excluded.started_at,"
      + " git_commit = excluded.git_commit, shape = excluded.shape, request_count = excluded.request_count,"
      + " ko_percent = excluded.ko_percent, p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms,"
      + " p99_ms = excluded.p99_ms, mean_requests_per_sec = excluded.mean_requests_per_sec,"
      + " stats = excluded.stats, recorded_at = now()";
  private static final String NEWEST_FIRST = " ORDER BY started_at DESC, run_folder DESC";

  private static final Driver DRIVER = new Driver();
  /**
   * The advisory lock that makes first appends from several runs at once (two pipelines) apply the schema in turn:
   * CREATE TABLE IF NOT EXISTS is not safe against a concurrent CREATE (seen: "type loadbearing_runs already
   * exists", and unique or duplicate-table violations). Any number, the same in every Loadbearing.
   */
  private static final long SCHEMA_LOCK = 0x4c425f48495354L;

  private final String url;
  private final Properties connection = new Properties();
  private final Consumer<String> warnings;
  private volatile boolean schemaApplied;

  public PostgresHistory(String url, String user, String password, Consumer<String> warnings) {
    this.url = url;
    this.warnings = warnings;
    if (user != null) {
      connection.setProperty("user", user);
    }
    if (password != null) {
      connection.setProperty("password", password);
    }
    connection.setProperty("connectTimeout", CONNECT_TIMEOUT);
    connection.setProperty("loginTimeout", CONNECT_TIMEOUT);
    connection.setProperty("socketTimeout", SOCKET_TIMEOUT);
    connection.setProperty("ApplicationName", "loadbearing-history");
  }

  @Override
  public void append(StatsReport run) {
    String stats;
    try {
      stats = StatsExporter.mapper().writeValueAsString(run);
    } catch (JsonProcessingException e) {
      throw new HistoryException("cannot write the run as JSON: " + e.getOriginalMessage(), e);
    }
    StatsReport.Row global = run.global();
    try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(UPSERT)) {
      insert.setString(1, run.run().simulation());
      insert.setString(2, run.run().runFolder());
      insert.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochMilli(run.run().start()), ZoneOffset.UTC));
      insert.setString(4, run.run().gitCommit());
      insert.setString(5, RunShape.of(run).key());
      insert.setLong(6, global.count());
      insert.setDouble(7, global.koPercent());
      insert.setLong(8, global.p50());
      insert.setLong(9, global.p95());
      insert.setLong(10, global.p99());
      insert.setDouble(11, global.meanRequestsPerSec());
      insert.setString(12, stats);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw failed("append to", e);
    }
  }

  @Override
  public List<StatsReport> newest(String simulation, RunShape shape, int limit) {
    List<StatsReport> runs = select("SELECT run_folder, stats::text FROM " + TABLE
        + " WHERE simulation = ? AND shape = ?" + NEWEST_FIRST + " LIMIT ?", simulation, shape.key(), limit);
    Collections.reverse(runs);
    return runs;
  }

  @Override
  public Optional<StatsReport> latest(String simulation) {
    // A few rows, so that one unreadable newest row does not hide the run before it.
    return select("SELECT run_folder, stats::text FROM " + TABLE + " WHERE simulation = ?" + NEWEST_FIRST
        + " LIMIT 10", simulation).stream().findFirst();
  }

  @Override
  public int countOtherShapes(String simulation, RunShape shape) {
    try (Connection c = connect(); PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + TABLE
        + " WHERE simulation = ? AND shape <> ?")) {
      count.setString(1, simulation);
      count.setString(2, shape.key());
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  @Override
  public String describe() {
    return "history table " + TABLE + " at " + HistoryOptions.shown(url);
  }

  private List<StatsReport> select(String sql, Object... parameters) {
    try (Connection c = connect(); PreparedStatement query = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      List<StatsReport> runs = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String source = TABLE + " row " + rows.getString(1);
          try {
            runs.add(StatsFiles.parse(source, rows.getString(2).getBytes(StandardCharsets.UTF_8)));
          } catch (InputException e) {
            warnings.accept("history: skipped " + e.getMessage());
          }
        }
      }
      return runs;
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  private Connection connect() throws SQLException {
    // The driver itself, not DriverManager: under mvn exec:java the driver's class loader is not the JDK's view.
    Connection c = DRIVER.connect(url, connection);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL");
    }
    if (!schemaApplied) {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(Integer.parseInt(SOCKET_TIMEOUT));
        c.setAutoCommit(false);
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");   // released at commit
        s.execute(schema());
        c.commit();
        c.setAutoCommit(true);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      schemaApplied = true;
    }
    return c;
  }

  private HistoryException failed(String what, SQLException e) {
    return new HistoryException("cannot " + what + " the " + describe() + ": " + e.getMessage()
        + " (is the database up and the URL right? -Dhistory.user/-Dhistory.password, or -Dhistory=false)", e);
  }

  private static String schema() {
    try (InputStream in = PostgresHistory.class.getResourceAsStream("/history/schema.sql")) {
      if (in == null) {
        throw new HistoryException("history/schema.sql is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HistoryException("cannot read history/schema.sql: " + e.getMessage(), e);
    }
  }
}
