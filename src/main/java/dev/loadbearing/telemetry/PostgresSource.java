package dev.loadbearing.telemetry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL database over one JDBC connection of its own (application_name {@value #APPLICATION}, which its
 * own counts leave out):
 * <ul>
 *   <li>{@code pg_stat_database} for the connected database: {@code db.xact_commit_total},
 *       {@code db.xact_rollback_total}, {@code db.deadlocks_total}, {@code db.blks_hit_total},
 *       {@code db.blks_read_total}, and {@code db.cache_hit_percent} over each interval that read blocks;</li>
 *   <li>{@code pg_stat_activity} (client sessions of that database): {@code db.sessions{state="..."}} and, for
 *       active sessions waiting on something, {@code db.waiting_sessions{wait_event_type="..."}};</li>
 *   <li>{@code pg_locks}: {@code db.lock_waits} (locks not granted) and {@code db.lock_wait_max_seconds};</li>
 *   <li>at the end, the top 10 statements by execution time during the run from {@code pg_stat_statements},
 *       or a note saying why there are none.</li>
 * </ul>
 */
final class PostgresSource implements Source {
  static final String APPLICATION = "loadbearing-telemetry";
  static final int TOP = 10;
  private static final String[] STATES = {"active", "idle", "idle in transaction", "idle in transaction (aborted)"};
  private static final String[] WAIT_TYPES = {"Lock", "LWLock", "IO", "IPC", "BufferPin", "Client", "Extension",
      "Timeout"};
  private static final int QUERY_TEXT_LIMIT = 500;

  private final String url;
  private final Properties properties = new Properties();
  private Connection connection;
  private int serverVersion;
  private long lastHit = -1;
  private long lastRead = -1;
  private Map<String, Counts> statementsAtStart;
  private String statementsUnavailable;

  PostgresSource(String url, String user, String password) {
    this.url = url;
    properties.setProperty("user", user);
    properties.setProperty("password", password == null ? "" : password);
    properties.setProperty("ApplicationName", APPLICATION);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("loginTimeout", "3");
    properties.setProperty("socketTimeout", "10");
    // Telemetry never waits on the load's locks for long.
    properties.setProperty("options", "-c statement_timeout=3000 -c lock_timeout=1000");
  }

  @Override
  public String name() {
    return "postgres " + url;
  }

  @Override
  public void sample(Recorder out) throws SQLException {
    try {
      Connection c = connection();
      if (statementsAtStart == null && statementsUnavailable == null) {
        statementsAtStart = statements(c, out);
      }
      database(c, out);
      activity(c, out);
      locks(c, out);
    } catch (SQLException lost) {
      closeConnection();
      throw lost;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = DriverManager.getConnection(url, properties);
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("show server_version_num")) {
        rs.next();
        serverVersion = Integer.parseInt(rs.getString(1));
      }
    }
    return connection;
  }

  private void database(Connection c, Recorder out) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("/* " + APPLICATION + " */ "
        + "select xact_commit, xact_rollback, deadlocks, blks_hit, blks_read"
        + " from pg_stat_database where datname = current_database()")) {
      if (!rs.next()) {
        return;
      }
      out.record("db.xact_commit_total", rs.getLong(1));
      out.record("db.xact_rollback_total", rs.getLong(2));
      out.record("db.deadlocks_total", rs.getLong(3));
      long hit = rs.getLong(4);
      long read = rs.getLong(5);
      out.record("db.blks_hit_total", hit);
      out.record("db.blks_read_total", read);
      if (lastHit >= 0) {
        long blocks = (hit - lastHit) + (read - lastRead);
        if (blocks > 0) {
          out.record("db.cache_hit_percent", Math.round(100_000.0 * (hit - lastHit) / blocks) / 1000.0);
        }
      }
      lastHit = hit;
      lastRead = read;
    }
  }

  private void activity(Connection c, Recorder out) throws SQLException {
    Map<String, Integer> states = new HashMap<>();
    Map<String, Integer> waits = new HashMap<>();
    for (String state : STATES) {
      states.put(state, 0);
    }
    for (String type : WAIT_TYPES) {
      waits.put(type, 0);
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("/* " + APPLICATION + " */ "
        + "select coalesce(state, 'unknown'), wait_event_type, count(*) from pg_stat_activity"
        + " where backend_type = 'client backend' and datname = current_database()"
        + " and application_name <> '" + APPLICATION + "' group by 1, 2")) {
      while (rs.next()) {
        String state = rs.getString(1);
        String waitType = rs.getString(2);
        int count = rs.getInt(3);
        states.merge(state, count, Integer::sum);
        if (state.equals("active") && waitType != null) {
          waits.merge(waitType, count, Integer::sum);
        }
      }
    }
    states.forEach((state, n) -> out.record("db.sessions{state=\"" + state + "\"}", n));
    waits.forEach((type, n) -> out.record("db.waiting_sessions{wait_event_type=\"" + type + "\"}", n));
  }

  private void locks(Connection c, Recorder out) throws SQLException {
    // pg_locks.waitstart exists from PostgreSQL 14 on.
    String longest = serverVersion >= 140000
        ? "coalesce(extract(epoch from max(clock_timestamp() - waitstart)), 0)" : "0";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("/* " + APPLICATION + " */ "
        + "select count(*), " + longest + " from pg_locks where not granted")) {
      rs.next();
      out.record("db.lock_waits", rs.getLong(1));
      out.record("db.lock_wait_max_seconds", Math.round(rs.getDouble(2) * 1000) / 1000.0);
    }
  }

  @Override
  public void finish(Recorder out) throws SQLException {
    if (statementsUnavailable != null) {
      return;
    }
    if (statementsAtStart == null) {
      out.note("No top statements: the database was never reached.");
      return;
    }
    Map<String, Counts> atEnd = statements(connection(), out);
    if (atEnd == null) {
      return;
    }
    List<Counts> during = new ArrayList<>();
    atEnd.forEach((key, end) -> {
      Counts before = statementsAtStart.getOrDefault(key, new Counts(end.query, 0, 0, 0));
      if (end.calls > before.calls) {
        during.add(new Counts(end.query, end.calls - before.calls, end.millis - before.millis, end.rows - before.rows));
      }
    });
    double allMillis = during.stream().mapToDouble(Counts::millis).sum();
    out.statements(during.stream().sorted(Comparator.comparingDouble(Counts::millis).reversed()).limit(TOP)
        .map(t -> new TopStatement(t.query, t.calls, round(t.millis), round(t.millis / t.calls), t.rows,
            allMillis == 0 ? 0 : round(100 * t.millis / allMillis)))
        .toList());
  }

  /** What pg_stat_statements holds now, by statement; null (after one note) when it cannot be read. */
  private Map<String, Counts> statements(Connection c, Recorder out) {
    String time = serverVersion >= 130000 ? "total_exec_time" : "total_time";
    Map<String, Counts> all = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("/* " + APPLICATION + " */ "
        + "select userid, queryid, query, calls, " + time + ", rows from pg_stat_statements"
        + " where dbid = (select oid from pg_database where datname = current_database())"
        + " and queryid is not null and query not like '%" + APPLICATION + "%'")) {
      while (rs.next()) {
        String query = rs.getString(3);
        all.merge(rs.getLong(1) + "/" + rs.getLong(2),
            new Counts(query.length() > QUERY_TEXT_LIMIT ? query.substring(0, QUERY_TEXT_LIMIT) + "…" : query,
                rs.getLong(4), rs.getDouble(5), rs.getLong(6)), Counts::plus);
      }
      return all;
    } catch (SQLException missing) {
      statementsUnavailable = TelemetrySampler.oneLine(missing);
      out.note("No top statements: pg_stat_statements cannot be read (" + statementsUnavailable + "). It needs"
          + " shared_preload_libraries = 'pg_stat_statements' and CREATE EXTENSION pg_stat_statements.");
      return null;
    }
  }

  private record Counts(String query, long calls, double millis, long rows) {
    Counts plus(Counts other) {
      return new Counts(query, calls + other.calls, millis + other.millis, rows + other.rows);
    }
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  @Override
  public void close() {
    closeConnection();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
      connection = null;
    }
  }
}
