package dev.loadbearing.service.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.chaos.DatabaseCalls;
import dev.loadbearing.launcher.DatabaseAddress;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.lifecycle.StoppedPostgres;
import dev.loadbearing.telemetry.PrometheusText;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does the service keep its promises when its database stalls, drops every connection, deadlocks or holds a lock:
 * 409 or 503 with {@code Retry-After} within 3 s, never a 500, never a hang; {@code /health} 503 within 1 s of a
 * stall and 200 within 1 s of recovery; a busy pool is not "down"; and it recovers by itself. Real PostgreSQL (the
 * embedded one the launched service starts), real faults: SIGSTOP/SIGCONT, pg_terminate_backend, real locks.
 * Each test prints what it measured; docs/API.md ("Database faults") quotes the figures.
 *
 * <pre>mvn -q -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DatabaseFaultsIT</pre>
 */
class DatabaseFaultsIT {
  private static final String KEY = "lb-enterprise-1";
  /** The service's default pool, and also its default number of worker threads on two cores. */
  private static final int POOL_SIZE = 16;
  private static final int CLIENTS = 8;
  private static final int BURST = 200;
  private static final long PAUSE_MILLIS = 10;
  private static final Duration STALL = Duration.ofSeconds(5);
  private static final long ANSWER_BOUND_MILLIS = 3_000;
  private static final long HEALTH_BOUND_MILLIS = 1_000;
  private static ServiceProcess service;
  private static DatabaseAddress database;
  private static Calls shop;
  private static Calls anonymous;
  private static long productId;
  /** Threads of their own for concurrent calls: the common pool has one thread on two cores. */
  private static ExecutorService callers;

  @TempDir
  static Path logs;

  @BeforeAll
  static void startTheService() {
    // The multiplier keeps the rate limit out of every measurement.
    service = ServiceProcess.start(List.of("-Dseed.products=200", "-Ddb.pool-size=" + POOL_SIZE,
        "-Dratelimit.multiplier=100"), logs.resolve("service.log"), Duration.ofSeconds(180));
    database = service.database().orElseThrow();
    shop = new Calls(service.baseUrl(), KEY);
    anonymous = new Calls(service.baseUrl(), null);
    productId = createProduct(1_000_000_000);
    callers = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stopService() {
    if (callers != null) {
      callers.shutdownNow();
    }
    service.close();
  }

  @BeforeEach
  void serviceIsHealthy() {
    awaitHealth(200, Duration.ofSeconds(15));
  }

  @Test
  void aStalledDatabaseGets503WithRetryAfterWithinThreeSecondsAndHealthFollowsWithinOneSecond() {
    Traffic traffic = Traffic.start("stall-traffic", CLIENTS, PAUSE_MILLIS, DatabaseFaultsIT::mixedCall);
    Traffic health = Traffic.start("stall-health", 1, 20, i -> anonymous.get("/health"));
    Traffic.sleep(1_000);
    StoppedPostgres stall = service.stopDatabase();
    try (stall) {
      Traffic.sleep(STALL.toMillis());
    }
    Traffic.sleep(4_000);
    List<Calls.Answer> answers = traffic.stop();
    List<Calls.Answer> probes = health.stop();

    long healthDown = firstEndedAfter(probes, stall.stoppedAt(), a -> a.status() == 503);
    long healthUp = firstEndedAfter(probes, stall.continuedAt(), a -> a.status() == 200);
    long firstSuccess = firstEndedAfter(answers, stall.continuedAt(), Calls.Answer::ok);
    List<Calls.Answer> failed = answers.stream().filter(a -> !a.ok()).toList();
    long lastFailure = failed.stream().mapToLong(Calls.Answer::endedAt).max().orElse(stall.stoppedAt());
    System.out.printf("Stall of %d processes for %d s: %s%n  503s took %s; /health 503 after %d ms, 200 again %d ms"
            + " after SIGCONT; first success %d ms after SIGCONT, last failure %d ms after SIGCONT%n",
        stall.processes(), STALL.toSeconds(), census(answers), spread(failed), millis(healthDown - stall.stoppedAt()),
        millis(healthUp - stall.continuedAt()), millis(firstSuccess - stall.continuedAt()),
        millis(lastFailure - stall.continuedAt()));

    assertOnly200Or503WithRetryAfterWithinBound(answers);
    assertThat(failed).as("the stall was felt").isNotEmpty();
    assertThat(millis(healthDown - stall.stoppedAt())).as("ms from SIGSTOP to /health 503")
        .isLessThanOrEqualTo(HEALTH_BOUND_MILLIS);
    assertThat(millis(healthUp - stall.continuedAt())).as("ms from SIGCONT to /health 200")
        .isLessThanOrEqualTo(HEALTH_BOUND_MILLIS);
    assertThat(probes).as("/health answers at once, stalled or not").allSatisfy(a ->
        assertThat(a.millis()).isLessThan(500));
    assertThat(millis(lastFailure - stall.continuedAt())).as("ms from SIGCONT to the last failed request")
        .isLessThanOrEqualTo(ANSWER_BOUND_MILLIS);
  }

  @Test
  void droppedConnectionsGet503WithRetryAfterAndTheServiceRecovers() throws Exception {
    Traffic traffic = Traffic.start("terminate-traffic", CLIENTS, PAUSE_MILLIS, DatabaseFaultsIT::mixedCall);
    Traffic health = Traffic.start("terminate-health", 1, 20, i -> anonymous.get("/health"));
    Traffic.sleep(1_000);
    List<Integer> terminated = new ArrayList<>();
    long lastTerminate = 0;
    for (int round = 0; round < 3; round++) {
      terminated.add(DatabaseCalls.terminateEveryOtherBackend(database));
      lastTerminate = System.nanoTime();
      Traffic.sleep(700);
    }
    Traffic.sleep(3_000);
    List<Calls.Answer> answers = traffic.stop();
    List<Calls.Answer> probes = health.stop();

    long lastRound = lastTerminate;
    List<Calls.Answer> failed = answers.stream().filter(a -> !a.ok()).toList();
    long lastFailure = failed.stream().mapToLong(Calls.Answer::endedAt).max().orElse(lastRound);
    System.out.printf("Backends terminated in 3 rounds %s: %s%n  503s took %s; last failure %d ms after the last"
        + " round; /health meanwhile %s%n", terminated, census(answers), spread(failed),
        millis(lastFailure - lastRound), census(probes));

    assertOnly200Or503WithRetryAfterWithinBound(answers);
    assertThat(terminated).as("backends terminated per round").allSatisfy(n -> assertThat(n).isPositive());
    assertThat(answers.stream().filter(a -> a.startedAt() > lastRound + 1_000_000_000L))
        .as("a second after the last round, all succeed").isNotEmpty().allSatisfy(a -> assertThat(a.ok()).isTrue());
    // The probe replaces its own dropped connection before it counts: a dropped connection is not a database down.
    assertThat(probes).as("/health while connections were dropped").allSatisfy(a ->
        assertThat(a.status()).isEqualTo(200));
  }

  @Test
  void aDeadlockIsRetriedOnceInsideTheServiceAndTheImportSucceeds() throws Exception {
    String x = "DL-X-" + UUID.randomUUID();
    String y = "DL-Y-" + UUID.randomUUID();
    double retriesBefore = metric("database_transaction_retries_total", "reason", "deadlock");
    CompletableFuture<Calls.Answer> imported;
    try (Connection other = connect()) {
      other.setAutoCommit(false);
      insertProduct(other, x);
      // The service inserts y, then waits for x; inserting y here closes the cycle. PostgreSQL aborts the
      // transaction that waited first (the service's), which runs again and waits until this one rolls back.
      imported = CompletableFuture.supplyAsync(() -> shop.post("POST /api/products/import", "/api/products/import",
          "{\"products\":[" + newProduct(y) + "," + newProduct(x) + "]}"), callers);
      awaitALockWait(other);
      insertProduct(other, y);
      other.rollback();
    }
    Calls.Answer answer = imported.get(10, TimeUnit.SECONDS);
    double retries = metric("database_transaction_retries_total", "reason", "deadlock") - retriesBefore;
    System.out.printf("Deadlock with another transaction: %s after %.0f retry%n", answer, retries);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(retries).isEqualTo(1);
  }

  @Test
  void twoImportsOfTheSameSkusInOppositeOrderNeverGet500() throws Exception {
    double retriesBefore = metric("database_transaction_retries_total", "reason", "deadlock");
    List<List<Calls.Answer>> pairs = new ArrayList<>();
    for (int pair = 0; pair < 8; pair++) {
      List<String> skus = IntStream.range(0, 400).mapToObj(i -> "OPP-" + UUID.randomUUID()).toList();
      List<String> reversed = new ArrayList<>(skus);
      Collections.reverse(reversed);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Calls.Answer>> both = List.of(importAfter(go, skus), importAfter(go, reversed));
      go.countDown();
      pairs.add(both.stream().map(CompletableFuture::join).toList());
    }
    double retries = metric("database_transaction_retries_total", "reason", "deadlock") - retriesBefore;
    System.out.printf("8 pairs of opposite imports: %s; deadlocks retried: %.0f%n",
        pairs.stream().map(p -> p.stream().map(a -> a.status() + (a.code() == null ? "" : " " + a.code()))
            .collect(Collectors.joining(" + "))).collect(Collectors.groupingBy(s -> s, TreeMap::new,
            Collectors.counting())), retries);

    for (List<Calls.Answer> pair : pairs) {
      assertOnly200Or503WithRetryAfterWithinBound(pair.stream().filter(a -> a.status() != 409).toList());
      assertThat(pair).as("one import of each pair is kept").filteredOn(a -> a.status() == 201).hasSize(1);
      assertThat(pair).filteredOn(a -> a.status() == 409).allSatisfy(a -> assertThat(a.code())
          .isIn("duplicate_sku", "transaction_conflict"));
    }
  }

  @Test
  void aLockHeldTooLongGets503AndABusyPoolIsNotADatabaseThatIsDown() throws Exception {
    long locked = createProduct(10);
    List<Calls.Answer> waits;
    List<Calls.Answer> probes;
    try (Connection other = connect()) {
      other.setAutoCommit(false);
      try (Statement lock = other.createStatement()) {
        lock.execute("SELECT stock FROM products WHERE id = " + locked + " FOR UPDATE");
      }
      // As many as the pool: every pooled connection waits on the lock.
      Traffic health = Traffic.start("busy-health", 1, 20, i -> anonymous.get("/health"));
      List<CompletableFuture<Calls.Answer>> changes = IntStream.range(0, POOL_SIZE).mapToObj(i ->
          CompletableFuture.supplyAsync(() -> shop.patch("PATCH /api/products/{id}/stock",
              "/api/products/" + locked + "/stock", "{\"delta\":1}"), callers)).toList();
      waits = changes.stream().map(CompletableFuture::join).toList();
      probes = health.stop();
      other.rollback();
    }
    System.out.printf("A row locked for longer than the lock timeout, %d changes to it: %s%n  /health meanwhile: %s%n",
        waits.size(), waits, census(probes));

    assertOnly200Or503WithRetryAfterWithinBound(waits);
    assertThat(waits).filteredOn(a -> "database_busy".equals(a.code())).as("lock timeouts").isNotEmpty();
    assertThat(waits).allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
    assertThat(probes).as("/health while the pool was busy").isNotEmpty()
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
  }

  @Test
  void theHeavyReportRunsFarWithinTheStatementTimeoutUnderABurst() throws Exception {
    // The Database profile's tenant: 200 imported products and orders on them; then its burst of reports.
    Calls tenant = new Calls(service.baseUrl(), "lb-enterprise-2");
    List<String> skus = IntStream.range(0, 200).mapToObj(i -> "R-" + UUID.randomUUID()).toList();
    Calls.Answer imported = tenant.post("POST /api/products/import", "/api/products/import", "{\"products\":["
        + skus.stream().map(DatabaseFaultsIT::newProduct).collect(Collectors.joining(",")) + "]}");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    List<Long> products = new ArrayList<>();
    tenant.get("/api/products?page=1&size=100").json().get("items").forEach(item -> products.add(item.get("id")
        .asLong()));
    for (int i = 0; i < 300; i++) {
      Calls.Answer order = tenant.post("POST /api/orders", "/api/orders", "{\"items\":[{\"productId\":"
          + products.get(i % products.size()) + ",\"quantity\":1}]}");
      assertThat(order.status()).as(order.toString()).isEqualTo(201);
    }
    try (Connection admin = connect(); Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_stat_statements_reset()");
    }
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Calls.Answer>> burst = IntStream.range(0, BURST).mapToObj(i ->
        CompletableFuture.supplyAsync(() -> {
          awaitQuietly(go);
          return tenant.get("/api/reports/inventory");
        }, callers)).toList();
    go.countDown();
    List<Calls.Answer> reports = burst.stream().map(CompletableFuture::join).toList();
    double maxMillis;
    double meanMillis;
    try (Connection admin = connect(); Statement statement = admin.createStatement();
         ResultSet rows = statement.executeQuery("SELECT max(max_exec_time), sum(total_exec_time) / sum(calls)"
             + " FROM pg_stat_statements WHERE query LIKE '%WITH ordered AS%'"
             + " AND query NOT LIKE '%pg_stat_statements%'")) {
      rows.next();
      maxMillis = rows.getDouble(1);
      meanMillis = rows.getDouble(2);
    }
    System.out.printf("Burst of %d inventory reports on a pool of %d: %s, %s; in the database mean %.1f ms,"
        + " max %.1f ms (statement timeout %d ms)%n", BURST, POOL_SIZE, census(reports), spread(reports),
        meanMillis, maxMillis, DatabaseTimeouts.STATEMENT.toMillis());

    assertThat(reports).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
    assertThat(maxMillis).as("slowest report in the database, ms")
        .isLessThan(DatabaseTimeouts.STATEMENT.toMillis() / 4.0);
  }

  /** Every answer a 2xx or a 503 with Retry-After, none slower than the bound, none a hang or a 500. */
  private static void assertOnly200Or503WithRetryAfterWithinBound(List<Calls.Answer> answers) {
    assertThat(answers).isNotEmpty().allSatisfy(a -> {
      assertThat(a.ok() || a.status() == 503).as(a.toString()).isTrue();
      if (a.status() == 503) {
        assertThat(a.retryAfter()).as(a.toString()).isNotBlank();
      }
      assertThat(a.millis()).as(a.toString()).isLessThanOrEqualTo(ANSWER_BOUND_MILLIS);
    });
  }

  /** Reads, a product page, and orders, by turns. */
  private static Calls.Answer mixedCall(int i) {
    return switch (i % 3) {
      case 0 -> shop.get("/api/products?page=1&size=5");
      case 1 -> shop.get("/api/products/" + productId);
      default -> shop.post("POST /api/orders", "/api/orders",
          "{\"items\":[{\"productId\":" + productId + ",\"quantity\":1}]}");
    };
  }

  private static CompletableFuture<Calls.Answer> importAfter(CountDownLatch go, List<String> skus) {
    return CompletableFuture.supplyAsync(() -> {
      awaitQuietly(go);
      return shop.post("POST /api/products/import", "/api/products/import", "{\"products\":["
          + skus.stream().map(DatabaseFaultsIT::newProduct).collect(Collectors.joining(",")) + "]}");
    }, callers);
  }

  private static void awaitQuietly(CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String newProduct(String sku) {
    return "{\"sku\":\"" + sku + "\",\"name\":\"Fault test\",\"category\":\"garden\",\"priceCents\":100,\"stock\":5}";
  }

  private static long createProduct(int stock) {
    Calls.Answer created = shop.post("POST /api/products", "/api/products", "{\"sku\":\"F-" + UUID.randomUUID()
        + "\",\"name\":\"Fault test\",\"category\":\"garden\",\"priceCents\":100,\"stock\":" + stock + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static void insertProduct(Connection connection, String sku) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO products (tenant_id, sku, name,"
        + " category, price_cents, stock) SELECT id, ?, 'Fault test', 'garden', 100, 5 FROM tenants"
        + " WHERE api_key = ?")) {
      insert.setString(1, sku);
      insert.setString(2, KEY);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  /** Waits until a backend other than this connection's waits for a lock (the service's import). */
  private static void awaitALockWait(Connection connection) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
            + " = 'Lock' AND pid <> pg_backend_pid() AND datname = current_database()")) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return;
          }
        }
        Traffic.sleep(10);
      }
    }
    throw new AssertionError("The service's import never waited for the lock");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  private static void awaitHealth(int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Calls.Answer last = null;
    while (System.nanoTime() < deadline) {
      last = anonymous.get("/health");
      if (last.status() == status) {
        return;
      }
      Traffic.sleep(50);
    }
    throw new AssertionError("/health did not answer " + status + " within " + timeout + ": " + last);
  }

  private static double metric(String name, String label, String value) {
    Calls.Answer scrape = anonymous.get("/metrics");
    return PrometheusText.parse(scrape.body()).samples().stream()
        .filter(s -> s.name().equals(name) && value.equals(s.labels().get(label)))
        .mapToDouble(PrometheusText.Sample::value).sum();
  }

  /** When the first answer that ended after {@code since} and passes {@code test} ended; fails when none did. */
  private static long firstEndedAfter(List<Calls.Answer> answers, long since, Predicate<Calls.Answer> test) {
    Optional<Calls.Answer> first = answers.stream().filter(a -> a.endedAt() > since && test.test(a))
        .min((a, b) -> Long.compare(a.endedAt(), b.endedAt()));
    return first.orElseThrow(() -> new AssertionError("No such answer after the event among " + census(answers)))
        .endedAt();
  }

  /** Answers counted by status and error code: {@code {200=812, 503 database_unavailable=40}}. */
  private static Map<String, Long> census(List<Calls.Answer> answers) {
    return answers.stream().collect(Collectors.groupingBy(a -> a.status() + (a.code() == null ? "" : " " + a.code()),
        TreeMap::new, Collectors.counting()));
  }

  /** Count, median and maximum time of some answers. */
  private static String spread(List<Calls.Answer> answers) {
    if (answers.isEmpty()) {
      return "(none)";
    }
    long[] sorted = answers.stream().mapToLong(Calls.Answer::millis).sorted().toArray();
    return sorted.length + " answers, median " + sorted[sorted.length / 2] + " ms, max " + sorted[sorted.length - 1]
        + " ms";
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
