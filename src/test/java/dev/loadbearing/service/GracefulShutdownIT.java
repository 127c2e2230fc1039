package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.db.DatabaseSettings;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.RawHttp;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the service while orders are in flight loses no committed order's answer. The service under test uses
 * the shared test service's PostgreSQL as an existing database ({@code db.url}), so closing it closes its pool
 * but not the database, and the orders that committed can be read back after the close.
 */
class GracefulShutdownIT {
  private static final int CLIENTS = 4;
  /** Every order holds its connection this long, so some are always in flight when the close begins. */
  private static final int DB_LATENCY_MS = 200;
  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

  /** One request of the stream: its key and what came back (a response, or the exception instead). */
  private record Outcome(String key, Response response, IOException failure, long answeredNanos) {
    boolean refused() {
      return failure instanceof ConnectException;
    }

    boolean delivered201() {
      return response != null && response.status() == 201;
    }

    boolean shuttingDown() {
      return response != null && response.status() == 503 && "shutting_down".equals(response.errorCode())
          && "1".equals(response.header("Retry-After"));
    }
  }

  @Test
  void closingWithOrdersInFlightDeliversEveryCommittedOrderAndRefusesTheRest() throws Exception {
    ReferenceService service = ReferenceService.start(sharingTheTestDatabase());
    String apiKey = TestService.newTenant().apiKey();
    Http shop = Http.to(service.baseUrl()).withKey(apiKey);
    long lamp = Products.create(shop, 100, 1_000_000);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long closeMillis;
    long started;
    RawHttp.Answer duringDrain;
    Thread closer = new Thread(service::close, "close-under-load");
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.submit(() -> orderUntilRefused(shop, lamp, outcomes));
      }
      while (outcomes.size() < 3 * CLIENTS) {
        Thread.sleep(20);
      }
      // A kept-alive connection, answered once so that it is surely accepted: one still in the listener's backlog
      // would be reset by the kernel when the listener closes.
      Socket kept = RawHttp.connect(service.baseUrl(), null);
      RawHttp.write(kept, HEALTH);
      assertThat(RawHttp.read(kept, 5_000).status()).isEqualTo(200);
      started = System.nanoTime();
      closer.start();
      waitUntilRefused(service.baseUrl());
      RawHttp.write(kept, HEALTH);
      duringDrain = RawHttp.read(kept, 5_000);
      RawHttp.closeQuietly(kept);
      closer.join(30_000);
      closeMillis = (System.nanoTime() - started) / 1_000_000;
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("every client stopped").isTrue();
    } finally {
      clients.shutdownNow();
      if (!closer.isAlive() && closer.getState() == Thread.State.NEW) {
        service.close();
      }
    }
    Map<String, Long> committed = committedOrders(apiKey);
    Map<String, Outcome> byKey = new HashMap<>();
    outcomes.forEach(outcome -> byKey.put(outcome.key(), outcome));
    List<Outcome> all = List.copyOf(outcomes);
    long delivered = all.stream().filter(Outcome::delivered201).count();
    long deliveredWhileClosing = all.stream().filter(o -> o.delivered201() && o.answeredNanos() > started).count();
    long refusedWith503 = all.stream().filter(Outcome::shuttingDown).count();
    long refused = all.stream().filter(Outcome::refused).count();
    List<Outcome> cut = all.stream().filter(o -> !o.delivered201() && !o.shuttingDown() && !o.refused()).toList();
    System.out.printf("GracefulShutdownIT: close took %d ms; %d requests: %d x 201 (%d of them answered while"
        + " closing), %d x 503 shutting_down, %d refused, %d cut %s; %d orders committed%n", closeMillis, all.size(),
        delivered, deliveredWhileClosing, refusedWith503, refused, cut.size(), cut, committed.size());

    assertThat(duringDrain.status()).as("a new request while draining").isEqualTo(503);
    assertThat(duringDrain.body()).contains("shutting_down");
    assertThat(duringDrain.text()).containsIgnoringCase("Retry-After: 1");
    committed.forEach((key, id) -> {
      Outcome outcome = byKey.get(key);
      assertThat(outcome).as("the request that placed order %d", id).isNotNull();
      assertThat(outcome.delivered201()).as("order %d committed, so its 201 arrived: %s", id, outcome).isTrue();
      assertThat(outcome.response().id()).isEqualTo(id);
    });
    assertThat(delivered).as("every 201 is an order in the database").isEqualTo(committed.size());
    assertThat(cut).as("no request cut off after its order committed")
        .noneMatch(outcome -> committed.containsKey(outcome.key()));
    assertThat(deliveredWhileClosing).as("orders in flight when the close began finished").isPositive();
    assertThat(cut).as("requests answered neither 201, 503 shutting_down nor refused").isEmpty();
    assertThat(refused).as("the stream ended on a refused connection").isEqualTo(CLIENTS);
  }

  private static void orderUntilRefused(Http shop, long productId, ConcurrentLinkedQueue<Outcome> outcomes) {
    String body = "{\"items\":[{\"productId\":" + productId + ",\"quantity\":1}]}";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String key = "shutdown-" + UUID.randomUUID();
      Outcome outcome;
      try {
        Response response = shop.post("/api/orders", body, key);
        outcome = new Outcome(key, response, null, System.nanoTime());
      } catch (UncheckedIOException failed) {
        outcome = new Outcome(key, null, failed.getCause(), System.nanoTime());
      }
      outcomes.add(outcome);
      if (outcome.refused()) {
        return;
      }
    }
  }

  /** Returns once the listening socket is closed: the close has begun, and draining with it. */
  private static void waitUntilRefused(String baseUrl) throws InterruptedException {
    URI uri = URI.create(baseUrl);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(2);
    }
  }

  /** Keys and ids of the tenant's orders, read after the close from the database the service used. */
  private static Map<String, Long> committedOrders(String apiKey) throws Exception {
    Map<String, Long> orders = new HashMap<>();
    try (Connection connection = TestService.get().database().connection();
         PreparedStatement select = connection.prepareStatement("SELECT o.idempotency_key, o.id FROM orders o"
             + " JOIN tenants t ON t.id = o.tenant_id WHERE t.api_key = ?")) {
      select.setString(1, apiKey);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          orders.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return orders;
  }

  private static ServiceConfig sharingTheTestDatabase() {
    Database.Login login = TestService.get().database().login();
    DatabaseSettings existing = new DatabaseSettings(DatabaseSettings.Kind.EXTERNAL, Optional.of(login.jdbcUrl()),
        login.user(), login.password(), Path.of("target/loadbearing-test"));
    return new ServiceConfig("127.0.0.1", 0, 0, 1, 8, existing, 0.0, 1_000.0, new Faults(0, 0, DB_LATENCY_MS));
  }
}
