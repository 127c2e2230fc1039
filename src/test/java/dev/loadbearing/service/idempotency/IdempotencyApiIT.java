package dev.loadbearing.service.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.RawHttp;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST /api/orders and POST /api/products/import, against the real service and database. */
class IdempotencyApiIT {
  private static final int RETRIES_AT_ONCE = 8;
  private final Http shop = TestService.newTenant();

  private static String order(long productId, int quantity) {
    return "{\"items\":[{\"productId\":" + productId + ",\"quantity\":" + quantity + "}]}";
  }

  private static String newKey() {
    return "order-" + UUID.randomUUID();
  }

  @Test
  void concurrentRetriesOfOneKeyPlaceOneOrderAndAllGetIt() throws Exception {
    long lamp = Products.create(shop, 1500, 1_000);
    ExecutorService threads = Executors.newFixedThreadPool(RETRIES_AT_ONCE);
    try {
      for (int round = 1; round <= 5; round++) {
        String key = newKey();
        long started = System.nanoTime();
        List<Response> answers = sameMomentFrom(threads, () -> shop.post("/api/orders", order(lamp, 3), key));
        System.out.printf("IdempotencyApiIT: %d retries of one key, round %d: all answered in %d ms%n",
            RETRIES_AT_ONCE, round, (System.nanoTime() - started) / 1_000_000);
        assertThat(answers).extracting(Response::status).as("round %d", round).containsOnly(201);
        assertThat(answers).extracting(Response::id).as("one order id for every retry")
            .containsOnly(answers.get(0).id());
        assertThat(answers).extracting(Response::body).as("the same answer").containsOnly(answers.get(0).body());
        assertThat(answers).filteredOn(a -> a.header(Idempotency.REPLAYED_HEADER) == null).hasSize(1);
        assertThat(ordersWithKey(key)).as("orders in the database for the key").isEqualTo(1);
        assertThat(Products.stock(shop, lamp)).as("stock taken once per key").isEqualTo(1_000 - 3 * round);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aRetryLaterGetsTheSameOrderEvenWithItsItemsInAnotherOrder() {
    long lamp = Products.create(shop, 1500, 10);
    long chair = Products.create(shop, 4000, 10);
    String key = newKey();
    Response first = shop.post("/api/orders", "{\"items\":[{\"productId\":" + lamp + ",\"quantity\":1},"
        + "{\"productId\":" + chair + ",\"quantity\":2}]}", key);
    Response retry = shop.post("/api/orders", "{\"items\":[{\"productId\":" + chair + ",\"quantity\":2},"
        + "{\"productId\":" + lamp + ",\"quantity\":1}]}", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
    assertThat(retry.header("Content-Type")).startsWith("application/json");
    assertThat(Products.stock(shop, lamp)).isEqualTo(9);
    assertThat(Products.stock(shop, chair)).isEqualTo(8);
  }

  @Test
  void aRetryWhileTheFirstAttemptHoldsTheKeyTooLongIsAnswered409InProgress() throws SQLException {
    long lamp = Products.create(shop, 100, 10);
    String key = newKey();
    // The first attempt, stuck in its transaction: the key's row inserted and not committed.
    try (Connection stuck = TestService.get().database().connection()) {
      stuck.setAutoCommit(false);
      try (PreparedStatement claim = stuck.prepareStatement("INSERT INTO idempotency_keys (tenant_id, route, key,"
          + " request_sha256) SELECT id, 'POST /api/orders', ?, 'first' FROM tenants WHERE api_key = ?")) {
        claim.setString(1, key);
        claim.setString(2, shop.apiKey());
        assertThat(claim.executeUpdate()).isEqualTo(1);
      }
      Response retry = shop.post("/api/orders", order(lamp, 1), key);
      assertThat(retry.status()).isEqualTo(409);
      assertThat(retry.errorCode()).isEqualTo("idempotency_in_progress");
      assertThat(retry.header("Retry-After")).isEqualTo("1");
      stuck.rollback();
    }
    assertThat(shop.post("/api/orders", order(lamp, 1), key).status()).as("after the first rolled back").isEqualTo(201);
    assertThat(Products.stock(shop, lamp)).isEqualTo(9);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused422AndChangesNothing() {
    long lamp = Products.create(shop, 1500, 10);
    String key = newKey();
    assertThat(shop.post("/api/orders", order(lamp, 1), key).status()).isEqualTo(201);
    Response reused = shop.post("/api/orders", order(lamp, 2), key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(reused.errorField()).isEqualTo("Idempotency-Key");
    assertThat(Products.stock(shop, lamp)).isEqualTo(9);
    assertThat(ordersWithKey(key)).isEqualTo(1);
  }

  @Test
  void malformedKeysAre400NamingTheHeader() {
    long lamp = Products.create(shop, 100, 10);
    for (String bad : List.of("", "a b", "x".repeat(256), "tab\there")) {
      Response refused = shop.post("/api/orders", order(lamp, 1), bad);
      assertThat(refused.status()).as("key '%s'", bad).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("invalid_idempotency_key");
      assertThat(refused.errorField()).isEqualTo("Idempotency-Key");
    }
    Response twice = shop.send(shop.request("/api/orders").header("Content-Type", "application/json")
        .header("Idempotency-Key", "k1").header("Idempotency-Key", "k2")
        .POST(HttpRequest.BodyPublishers.ofString(order(lamp, 1))));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.errorField()).isEqualTo("Idempotency-Key");
    // java.net.http sends a non-ASCII character as '?', so the byte goes out by hand: 0xE9 is é in ISO-8859-1.
    String body = order(lamp, 1);
    RawHttp.Answer nonAscii = RawHttp.send(TestService.get().baseUrl(), "POST /api/orders HTTP/1.1\r\nHost: x\r\n"
        + "X-Api-Key: " + shop.apiKey() + "\r\nIdempotency-Key: caf\u00e9\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, 5_000);
    assertThat(nonAscii.status()).isEqualTo(400);
    assertThat(nonAscii.body()).contains("invalid_idempotency_key");
    assertThat(shop.post("/api/orders", order(lamp, 1), "x".repeat(255)).status()).isEqualTo(201);
    assertThat(Products.stock(shop, lamp)).isEqualTo(9);
  }

  @Test
  void withoutAKeyEveryPostIsANewOrder() {
    long lamp = Products.create(shop, 100, 10);
    Response first = shop.post("/api/orders", order(lamp, 1));
    Response second = shop.post("/api/orders", order(lamp, 1));
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.header(Idempotency.REPLAYED_HEADER)).isNull();
    assertThat(Products.stock(shop, lamp)).isEqualTo(8);
  }

  @Test
  void aRefusedAttemptDoesNotPoisonItsKey() {
    long lamp = Products.create(shop, 100, 1);
    String key = newKey();
    Response refused = shop.post("/api/orders", order(lamp, 2), key);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("out_of_stock");
    assertThat(shop.patch("/api/products/" + lamp + "/stock", "{\"delta\":5}").status()).isEqualTo(200);
    Response placed = shop.post("/api/orders", order(lamp, 2), key);
    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.header(Idempotency.REPLAYED_HEADER)).isNull();
    assertThat(Products.stock(shop, lamp)).isEqualTo(4);
  }

  @Test
  void keysBelongToOneTenant() {
    Http other = TestService.newTenant();
    long mine = Products.create(shop, 100, 10);
    long theirs = Products.create(other, 100, 10);
    String key = newKey();
    long myOrder = shop.post("/api/orders", order(mine, 1), key).id();
    Response theirOrder = other.post("/api/orders", order(theirs, 1), key);
    assertThat(theirOrder.status()).isEqualTo(201);
    assertThat(theirOrder.id()).isNotEqualTo(myOrder);
    assertThat(ordersWithKey(key)).isEqualTo(2);
  }

  @Test
  void aKeyOlderThan24HoursIsANewRequest() throws SQLException {
    long lamp = Products.create(shop, 100, 10);
    String key = newKey();
    long first = shop.post("/api/orders", order(lamp, 1), key).id();
    update("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = ?", key);
    Response again = shop.post("/api/orders", order(lamp, 2), key);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.id()).isNotEqualTo(first);
    assertThat(ordersWithKey(key)).as("the key moved to the new order").isEqualTo(1);
    assertThat(Products.stock(shop, lamp)).isEqualTo(7);
  }

  @Test
  void anImportRetriedWithItsKeyIsReplayedNotRefused() {
    String key = "import-" + UUID.randomUUID();
    String body = "{\"products\":[" + product("IMP-1") + "," + product("IMP-2") + "]}";
    Response first = shop.post("/api/products/import", body, key);
    Response retry = shop.post("/api/products/import", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("imported").asInt()).isEqualTo(2);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
    assertThat(shop.post("/api/products/import", body).errorCode()).as("without the key").isEqualTo("duplicate_sku");
    Response reused = shop.post("/api/products/import", "{\"products\":[" + product("IMP-3") + "]}", key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(shop.get("/api/products?page=1&size=10").json().get("total").asLong()).isEqualTo(2);
  }

  private static String product(String sku) {
    return "{\"sku\":\"" + sku + "\",\"name\":\"Lamp\",\"category\":\"garden\",\"priceCents\":999,\"stock\":5}";
  }

  private interface Call {
    Response call();
  }

  /** The call from every thread of the pool, released together by a latch; the answers in any order. */
  private static List<Response> sameMomentFrom(ExecutorService threads, Call call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < RETRIES_AT_ONCE; i++) {
      answers.add(threads.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<Response> done = new ArrayList<>();
    for (Future<Response> answer : answers) {
      done.add(answer.get());
    }
    return done;
  }

  /** What the Chaos profile audits: orders carrying the key, across tenants. */
  private static int ordersWithKey(String key) {
    try (Connection connection = TestService.get().database().connection();
         PreparedStatement count = connection.prepareStatement(
             "SELECT count(*) FROM orders WHERE idempotency_key = ?")) {
      count.setString(1, key);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(String sql, String value) throws SQLException {
    try (Connection connection = TestService.get().database().connection();
         PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, value);
      update.executeUpdate();
    }
  }
}
