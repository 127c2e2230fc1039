package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL source against the embedded PostgreSQL the service uses, with pg_stat_statements preloaded. */
class PostgresSourceIT {
  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("deadlock_timeout", "100ms")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    url = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
      s.execute("create table account (id int primary key, balance int)");
      s.execute("insert into account select g, 100 from generate_series(1, 1000) g");
    }
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "postgres");
  }

  @Test
  void recordsTransactionsSessionsAndLockWaitsAndTheRunsTopStatements() throws Exception {
    try (Connection before = connect(); Statement s = before.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.executeQuery("select sum(balance) from account where id > 10").close();
      }
    }
    Recorded out = new Recorded();
    PostgresSource source = new PostgresSource(url, "postgres", "postgres");
    try (Connection holder = connect(); Connection waiter = connect(); Statement work = waiter.createStatement()) {
      source.sample(out);
      double commitsAtStart = out.get("db.xact_commit_total");
      for (int i = 0; i < 7; i++) {
        work.executeQuery("select sum(balance) from account where id > 10").close();
      }
      holder.setAutoCommit(false);
      holder.createStatement().executeUpdate("update account set balance = balance + 1 where id = 1");
      CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
        try {
          return work.executeUpdate("update account set balance = balance - 1 where id = 1");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      sampleUntil(source, out, o -> o.get("db.lock_waits") >= 1);
      assertThat(out.get("db.waiting_sessions{wait_event_type=\"Lock\"}")).isGreaterThanOrEqualTo(1);
      assertThat(out.get("db.sessions{state=\"active\"}")).isGreaterThanOrEqualTo(1);
      assertThat(out.get("db.sessions{state=\"idle in transaction\"}")).isGreaterThanOrEqualTo(1);
      assertThat(out.get("db.lock_wait_max_seconds")).isGreaterThanOrEqualTo(0);
      holder.rollback();
      assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(1);

      sampleUntil(source, out, o -> o.get("db.xact_commit_total") >= commitsAtStart + 7
          && o.get("db.xact_rollback_total") >= 1);
      assertThat(out.get("db.blks_hit_total")).isGreaterThan(0);
      assertThat(out.last).containsKey("db.cache_hit_percent");

      source.finish(out);
    } finally {
      source.close();
    }
    assertThat(out.statements).isNotEmpty().hasSizeLessThanOrEqualTo(PostgresSource.TOP);
    assertThat(out.statements).noneMatch(st -> st.query().contains(PostgresSource.APPLICATION));
    TopStatement sum = out.statements.stream()
        .filter(st -> st.query().contains("sum(balance)")).findFirst().orElseThrow();
    // The five calls made before sampling began are not the run's.
    assertThat(sum.calls()).isEqualTo(7);
    assertThat(out.statements).allMatch(st -> st.sharePercent() >= 0 && st.sharePercent() <= 100);
    assertThat(out.notes).isEmpty();
  }

  @Test
  void countsADeadlock() throws Exception {
    Recorded out = new Recorded();
    PostgresSource source = new PostgresSource(url, "postgres", "postgres");
    try (Connection a = connect(); Connection b = connect()) {
      source.sample(out);
      double deadlocks = out.get("db.deadlocks_total");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      a.createStatement().executeUpdate("update account set balance = 1 where id = 10");
      b.createStatement().executeUpdate("update account set balance = 1 where id = 11");
      CompletableFuture<Void> first = CompletableFuture.runAsync(() -> update(a, 11));
      Thread.sleep(50);
      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> update(b, 10));
      CompletableFuture.allOf(first, second).handle((ok, failed) -> null).get(10, TimeUnit.SECONDS);
      a.rollback();
      b.rollback();
      sampleUntil(source, out, o -> o.get("db.deadlocks_total") >= deadlocks + 1);
    } finally {
      source.close();
    }
  }

  @Test
  void withoutPgStatStatementsItSaysSoAndGoesOn() throws Exception {
    try (EmbeddedPostgres plain = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
      TelemetrySampler sampler = TelemetrySampler.start(
          Sources.none().withPostgres(plain.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"),
          Duration.ofMillis(100));
      Thread.sleep(400);
      Telemetry telemetry = sampler.stop();
      assertThat(telemetry.notes()).singleElement().asString().contains("No top statements")
          .contains("pg_stat_statements");
      assertThat(telemetry.statements()).isEmpty();
      assertThat(telemetry.find("db.xact_commit_total")).isPresent();
      assertThat(telemetry.find("db.lock_waits")).isPresent();
    }
  }

  private static void update(Connection c, int id) {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("update account set balance = 2 where id = " + id);
    } catch (SQLException deadlockVictim) {
      // one of the two is chosen as the victim
    }
  }

  /**
   * PostgreSQL (15+) publishes a backend's counters when it goes idle, but at most once a second; a backend that
   * goes idle sooner flushes after 10 s more. Sample until they show, for up to 30 s.
   */
  private static void sampleUntil(PostgresSource source, Recorded out, Predicate<Recorded> seen) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      Thread.sleep(100);
      source.sample(out);
    } while (!seen.test(out) && System.nanoTime() < deadline);
    assertThat(seen.test(out)).as("seen within 30 s; last values " + out.last).isTrue();
  }
}
