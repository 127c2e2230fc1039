package dev.loadbearing.service.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.TestService;
import org.junit.jupiter.api.Test;

class ReportApiIT {

  @Test
  void inventoryAggregatesStockValueAndOrderedUnitsPerCategory() {
    Http shop = TestService.newTenant();
    long lamp = Products.create(shop, "Lamp", "garden", 1000, 10);
    Products.create(shop, "Rake", "garden", 500, 4);
    long book = Products.create(shop, "Novel", "books", 200, 7);
    shop.post("/api/orders", "{\"items\":[{\"productId\":" + lamp + ",\"quantity\":2},{\"productId\":" + book
        + ",\"quantity\":1}]}");
    shop.post("/api/orders", "{\"items\":[{\"productId\":" + lamp + ",\"quantity\":3}]}");

    JsonNode categories = shop.get("/api/reports/inventory").json().get("categories");
    assertThat(categories).hasSize(2);
    JsonNode books = categories.get(0);
    assertThat(books.get("category").asText()).isEqualTo("books");
    assertThat(books.get("products").asLong()).isEqualTo(1);
    assertThat(books.get("units").asLong()).isEqualTo(6);
    assertThat(books.get("valueCents").asLong()).isEqualTo(6 * 200);
    assertThat(books.get("ordered").asLong()).isEqualTo(1);
    JsonNode garden = categories.get(1);
    assertThat(garden.get("products").asLong()).isEqualTo(2);
    assertThat(garden.get("units").asLong()).isEqualTo(5 + 4);
    assertThat(garden.get("valueCents").asLong()).isEqualTo(5 * 1000 + 4 * 500);
    assertThat(garden.get("ordered").asLong()).isEqualTo(5);
  }

  @Test
  void consistencyIsAllZeroForAHealthyTenant() {
    Http shop = TestService.newTenant();
    long id = Products.create(shop, 300, 3);
    shop.post("/api/orders", "{\"items\":[{\"productId\":" + id + ",\"quantity\":2}]}");
    JsonNode report = shop.get("/api/admin/consistency").json();
    assertThat(report.get("negativeStock").asLong()).isZero();
    assertThat(report.get("ordersWithoutItems").asLong()).isZero();
    assertThat(report.get("orderTotalsMismatched").asLong()).isZero();
  }

  @Test
  void reportsNeedAnApiKey() {
    assertThat(TestService.anonymous().get("/api/reports/inventory").status()).isEqualTo(401);
    assertThat(TestService.anonymous().get("/api/admin/consistency").status()).isEqualTo(401);
  }
}
