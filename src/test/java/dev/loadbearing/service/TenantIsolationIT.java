package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant B must see nothing of tenant A: A's ids answer 404 to B, exactly like ids that do not exist. */
class TenantIsolationIT {
  private static Http alice;
  private static Http bob;
  private static long alicesProduct;
  private static long alicesOrder;

  @BeforeAll
  static void aliceHasAProductAndAnOrder() {
    alice = TestService.newTenant();
    bob = TestService.newTenant();
    alicesProduct = Products.create(alice, "Alice unique teapot", "kitchen", 1200, 10);
    alicesOrder = alice.post("/api/orders", "{\"items\":[{\"productId\":" + alicesProduct + ",\"quantity\":1}]}").id();
  }

  @Test
  void anotherTenantCannotReadTheProduct() {
    assertThat(bob.get("/api/products/" + alicesProduct).status()).isEqualTo(404);
    assertThat(alice.get("/api/products/" + alicesProduct).status()).isEqualTo(200);
  }

  @Test
  void anotherTenantCannotChangeTheStock() {
    assertThat(bob.patch("/api/products/" + alicesProduct + "/stock", "{\"delta\":-1}").status()).isEqualTo(404);
    assertThat(Products.stock(alice, alicesProduct)).isEqualTo(9);
  }

  @Test
  void anotherTenantCannotOrderTheProduct() {
    assertThat(bob.post("/api/orders", "{\"items\":[{\"productId\":" + alicesProduct + ",\"quantity\":1}]}").status())
        .isEqualTo(404);
  }

  @Test
  void anotherTenantCannotReadTheOrder() {
    assertThat(bob.get("/api/orders/" + alicesOrder).status()).isEqualTo(404);
    assertThat(bob.get("/api/orders").json().get("total").asLong()).isZero();
  }

  @Test
  void listsSearchesAndReportsShowOnlyTheCallersData() {
    assertThat(bob.get("/api/products").json().get("total").asLong()).isZero();
    assertThat(bob.get("/api/products/search?q=teapot").json().get("total").asLong()).isZero();
    assertThat(alice.get("/api/products/search?q=teapot").json().get("total").asLong()).isEqualTo(1);
    assertThat(bob.get("/api/reports/inventory").json().get("categories")).isEmpty();
  }

  @Test
  void aSkuIsUniquePerTenantOnly() {
    String body = "{\"sku\":\"SHARED-SKU\",\"name\":\"n\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}";
    assertThat(alice.post("/api/products", body).status()).isEqualTo(201);
    assertThat(bob.post("/api/products", body).status()).isEqualTo(201);
  }
}
