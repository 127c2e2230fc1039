package dev.loadbearing.service.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OrderApiIT {
  private final Http shop = TestService.newTenant();

  private static String order(long productId, int quantity) {
    return "{\"items\":[{\"productId\":" + productId + ",\"quantity\":" + quantity + "}]}";
  }

  @Test
  void placesAnOrderAndTakesTheStock() {
    long lamp = Products.create(shop, 1500, 10);
    long chair = Products.create(shop, 4000, 3);
    Response placed = shop.post("/api/orders", "{\"items\":[{\"productId\":" + chair + ",\"quantity\":1},"
        + "{\"productId\":" + lamp + ",\"quantity\":2}]}");
    assertThat(placed.status()).isEqualTo(201);
    JsonNode order = placed.json();
    assertThat(order.get("id").asLong()).isPositive();
    assertThat(order.get("totalCents").asLong()).isEqualTo(2 * 1500 + 4000);
    assertThat(order.get("items")).hasSize(2);
    assertThat(order.get("items").get(0).get("unitPriceCents").asLong()).isEqualTo(1500);
    assertThat(order.get("createdAt").asText()).endsWith("Z");
    assertThat(Products.stock(shop, lamp)).isEqualTo(8);
    assertThat(Products.stock(shop, chair)).isEqualTo(2);
  }

  @Test
  void rejectsOrderWhenStockIsGoneAndTakesNothing() {
    long plenty = Products.create(shop, 100, 10);
    long scarce = Products.create(shop, 100, 1);
    Response refused = shop.post("/api/orders", "{\"items\":[{\"productId\":" + plenty + ",\"quantity\":3},"
        + "{\"productId\":" + scarce + ",\"quantity\":2}]}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("out_of_stock");
    assertThat(refused.errorMessage()).contains(Long.toString(scarce));
    assertThat(refused.errorField()).isEqualTo("items[1].productId");
    assertThat(Products.stock(shop, plenty)).as("rolled back").isEqualTo(10);
    assertThat(Products.stock(shop, scarce)).isEqualTo(1);
  }

  @Test
  void answers404ForAProductThatDoesNotExist() {
    Response refused = shop.post("/api/orders", order(999_999_999L, 1));
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.errorField()).isEqualTo("items[0].productId");
  }

  @Test
  void rejectsTheSameProductTwiceInOneOrder() {
    long id = Products.create(shop, 100, 10);
    Response refused = shop.post("/api/orders", "{\"items\":[{\"productId\":" + id + ",\"quantity\":1},"
        + "{\"productId\":" + id + ",\"quantity\":2}]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorField()).isEqualTo("items[1].productId");
    assertThat(Products.stock(shop, id)).isEqualTo(10);
  }

  @Test
  void refusesInvalidBodiesNamingTheField() {
    long id = Products.create(shop, 100, 10);
    assertThat(shop.post("/api/orders", "{}").errorField()).isEqualTo("items");
    assertThat(shop.post("/api/orders", "{\"items\":[]}").errorField()).isEqualTo("items");
    assertThat(shop.post("/api/orders", "{\"items\":\"lamp\"}").errorField()).isEqualTo("items");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"productId\":" + id + "}]}").errorField())
        .isEqualTo("items[0].quantity");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"quantity\":1}]}").errorField()).isEqualTo("items[0].productId");
    assertThat(shop.post("/api/orders", order(id, 0)).errorField()).isEqualTo("items[0].quantity");
    assertThat(shop.post("/api/orders", order(id, 1001)).errorField()).isEqualTo("items[0].quantity");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"productId\":\"one\",\"quantity\":1}]}").errorField())
        .isEqualTo("items[0].productId");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"productId\":" + id + ",\"quantity\":1,\"note\":1}]}")
        .errorField()).isEqualTo("items[0].note");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"productId\":true,\"quantity\":1}]}").errorField())
        .isEqualTo("items[0].productId");
    assertThat(shop.post("/api/orders", "{\"items\":[{\"productId\":" + id + ",\"quantity\":1.5}]}").errorField())
        .isEqualTo("items[0].quantity");
    assertThat(shop.post("/api/orders", "{\"items\":[null]}").errorField()).isEqualTo("items[0]");
    assertThat(shop.post("/api/orders", "{\"items\":[").errorCode()).isEqualTo("malformed_json");
    StringBuilder tooMany = new StringBuilder("{\"items\":[");
    for (int i = 1; i <= 51; i++) {
      tooMany.append(i == 1 ? "" : ",").append("{\"productId\":").append(i).append(",\"quantity\":1}");
    }
    assertThat(shop.post("/api/orders", tooMany.append("]}").toString()).errorField()).isEqualTo("items");
    assertThat(Products.stock(shop, id)).isEqualTo(10);
  }

  @Test
  void getsOneOrder() {
    long id = Products.create(shop, 250, 10);
    long orderId = shop.post("/api/orders", order(id, 4)).id();
    Response found = shop.get("/api/orders/" + orderId);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("totalCents").asLong()).isEqualTo(1000);
    assertThat(found.json().get("items").get(0).get("quantity").asInt()).isEqualTo(4);
    assertThat(shop.get("/api/orders/999999999").status()).isEqualTo(404);
    assertThat(shop.get("/api/orders/first").errorField()).isEqualTo("id");
  }

  @Test
  void listsOrdersNewestFirst() {
    long id = Products.create(shop, 100, 10);
    long first = shop.post("/api/orders", order(id, 1)).id();
    long second = shop.post("/api/orders", order(id, 2)).id();
    long third = shop.post("/api/orders", order(id, 3)).id();
    JsonNode page = shop.get("/api/orders?page=1&size=2").json();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(third);
    assertThat(page.get("items").get(1).get("id").asLong()).isEqualTo(second);
    assertThat(page.get("items").get(1).get("items").get(0).get("quantity").asInt()).isEqualTo(2);
    assertThat(shop.get("/api/orders?page=2&size=2").json().get("items").get(0).get("id").asLong()).isEqualTo(first);
    assertThat(shop.get("/api/orders?size=0").errorField()).isEqualTo("size");
  }

  @Test
  void concurrentBuyersNeverOversell() throws Exception {
    long id = Products.create(shop, 999, 5);
    int buyers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < buyers; i++) {
        statuses.add(pool.submit(() -> {
          start.await();
          return shop.post("/api/orders", order(id, 1)).status();
        }));
      }
      start.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        results.add(status.get());
      }
      assertThat(results).filteredOn(s -> s == 201).hasSize(5);
      assertThat(results).filteredOn(s -> s == 409).hasSize(15);
    } finally {
      pool.shutdownNow();
    }
    assertThat(Products.stock(shop, id)).isZero();
    JsonNode consistency = shop.get("/api/admin/consistency").json();
    assertThat(consistency.get("negativeStock").asInt()).isZero();
    assertThat(consistency.get("orderTotalsMismatched").asInt()).isZero();
  }
}
