package dev.loadbearing.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogApiIT {
  private static Http shop;
  private static long lampA;
  private static long lampB;
  private static long chair;

  /** One tenant with a catalogue small enough to know by heart; tests that add products use their own. */
  @BeforeAll
  static void createCatalogue() {
    shop = TestService.newTenant();
    lampA = Products.create(shop, "Garden lamp", "garden", 3000, 10);
    lampB = Products.create(shop, "Desk lamp", "electronics", 1500, 10);
    chair = Products.create(shop, "Garden chair", "garden", 9000, 10);
  }

  private static List<Long> ids(Response page) {
    List<Long> ids = new ArrayList<>();
    page.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  @Test
  void listsTheTenantsProductsInPages() {
    Response first = shop.get("/api/products?page=1&size=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("total").asLong()).isEqualTo(3);
    assertThat(first.json().get("page").asInt()).isEqualTo(1);
    assertThat(first.json().get("size").asInt()).isEqualTo(2);
    assertThat(ids(first)).containsExactly(lampA, lampB);
    assertThat(ids(shop.get("/api/products?page=2&size=2"))).containsExactly(chair);
    assertThat(ids(shop.get("/api/products?page=9&size=2"))).isEmpty();
  }

  @Test
  void defaultsToPageOneOfTwenty() {
    JsonNode page = shop.get("/api/products").json();
    assertThat(page.get("page").asInt()).isEqualTo(1);
    assertThat(page.get("size").asInt()).isEqualTo(20);
  }

  @Test
  void refusesBadPagingParameters() {
    for (String query : List.of("page=0", "page=-1", "size=0", "size=101", "size=abc", "page=1.5")) {
      Response refused = shop.get("/api/products?" + query);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.errorField()).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
    }
  }

  @Test
  void searchesByWordsInTheName() {
    assertThat(ids(shop.get("/api/products/search?q=lamp"))).containsExactlyInAnyOrder(lampA, lampB);
    assertThat(ids(shop.get("/api/products/search?q=garden%20chair"))).containsExactly(chair);
    assertThat(ids(shop.get("/api/products/search?q=piano"))).isEmpty();
  }

  @Test
  void filtersByCategoryAndPrice() {
    assertThat(ids(shop.get("/api/products/search?category=garden"))).containsExactlyInAnyOrder(lampA, chair);
    assertThat(ids(shop.get("/api/products/search?minPrice=2000&maxPrice=9000")))
        .containsExactlyInAnyOrder(lampA, chair);
    assertThat(ids(shop.get("/api/products/search?q=lamp&category=garden&maxPrice=5000"))).containsExactly(lampA);
  }

  @Test
  void sortsByPriceAndName() {
    assertThat(ids(shop.get("/api/products/search?sort=price_asc"))).containsExactly(lampB, lampA, chair);
    assertThat(ids(shop.get("/api/products/search?sort=price_desc"))).containsExactly(chair, lampA, lampB);
    assertThat(ids(shop.get("/api/products/search?sort=name"))).containsExactly(lampB, chair, lampA);
  }

  @Test
  void refusesBadSearchParameters() {
    assertThat(shop.get("/api/products/search?sort=cheapest").errorField()).isEqualTo("sort");
    assertThat(shop.get("/api/products/search?minPrice=-1").errorField()).isEqualTo("minPrice");
    assertThat(shop.get("/api/products/search?maxPrice=ten").errorField()).isEqualTo("maxPrice");
    assertThat(shop.get("/api/products/search?minPrice=500&maxPrice=100").errorField()).isEqualTo("minPrice");
    assertThat(shop.get("/api/products/search?size=500").errorField()).isEqualTo("size");
  }

  @Test
  void getsOneProduct() {
    JsonNode product = shop.get("/api/products/" + lampA).json();
    assertThat(product.get("id").asLong()).isEqualTo(lampA);
    assertThat(product.get("name").asText()).isEqualTo("Garden lamp");
    assertThat(product.get("category").asText()).isEqualTo("garden");
    assertThat(product.get("priceCents").asLong()).isEqualTo(3000);
    assertThat(product.get("stock").asInt()).isEqualTo(10);
    assertThat(product.get("sku").asText()).startsWith("T-");
  }

  @Test
  void answers404ForAnUnknownIdAnd400ForABadOne() {
    assertThat(shop.get("/api/products/999999999").status()).isEqualTo(404);
    assertThat(shop.get("/api/products/abc").errorField()).isEqualTo("id");
    assertThat(shop.get("/api/products/0").status()).isEqualTo(400);
    assertThat(shop.get("/api/products/99999999999999999999").status()).isEqualTo(400);
  }

  @Test
  void createsAProductAndRefusesItsSkuTwice() {
    Http tenant = TestService.newTenant();
    String body = "{\"sku\":\"DUP-1\",\"name\":\"Kettle\",\"category\":\"kitchen\",\"priceCents\":2500,\"stock\":3}";
    Response created = tenant.post("/api/products", body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("sku").asText()).isEqualTo("DUP-1");
    Response duplicate = tenant.post("/api/products", body);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("duplicate_sku");
  }

  @Test
  void refusesInvalidProductsNamingTheField() {
    assertThat(shop.post("/api/products",
        "{\"sku\":\"V1\",\"name\":\"K\",\"category\":\"k\",\"priceCents\":-1,\"stock\":3}").errorField())
        .isEqualTo("priceCents");
    assertThat(shop.post("/api/products", "{\"sku\":\"V1\",\"name\":\"K\",\"category\":\"k\",\"priceCents\":1}")
        .errorField()).isEqualTo("stock");
    assertThat(shop.post("/api/products",
        "{\"sku\":\"V1\",\"name\":\"K\",\"category\":\"k\",\"priceCents\":\"1\",\"stock\":3}").errorField())
        .isEqualTo("priceCents");
    assertThat(shop.post("/api/products",
        "{\"sku\":\"V1\",\"name\":\"K\",\"category\":\"k\",\"priceCents\":1,\"stock\":3,\"color\":\"red\"}")
        .errorField()).isEqualTo("color");
    assertThat(shop.post("/api/products",
        "{\"sku\":\"\",\"name\":\"K\",\"category\":\"k\",\"priceCents\":1,\"stock\":3}").errorField())
        .isEqualTo("sku");
    assertThat(shop.post("/api/products", "[1,2]").status()).isEqualTo(400);
    assertThat(shop.post("/api/products", "").status()).isEqualTo(400);
  }

  @Test
  void changesStockByADelta() {
    Http shop = TestService.newTenant();
    long id = Products.create(shop, 100, 5);
    Response changed = shop.patch("/api/products/" + id + "/stock", "{\"delta\":-2}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("stock").asInt()).isEqualTo(3);
    assertThat(shop.patch("/api/products/" + id + "/stock", "{\"delta\":7}").json().get("stock").asInt()).isEqualTo(10);
  }

  @Test
  void refusesAStockDeltaThatWouldGoNegative() {
    Http shop = TestService.newTenant();
    long id = Products.create(shop, 100, 2);
    Response refused = shop.patch("/api/products/" + id + "/stock", "{\"delta\":-3}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("insufficient_stock");
    assertThat(Products.stock(shop, id)).isEqualTo(2);
  }

  @Test
  void refusesAStockDeltaThatWouldOverflowWith400() {
    Http tenant = TestService.newTenant();
    long id = Products.create(tenant, 100, 1_000_000_000);
    assertThat(tenant.patch("/api/products/" + id + "/stock", "{\"delta\":1000000000}").status()).isEqualTo(200);
    Response refused = tenant.patch("/api/products/" + id + "/stock", "{\"delta\":1000000000}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("out_of_range");
    assertThat(Products.stock(tenant, id)).isEqualTo(2_000_000_000);
  }

  @Test
  void refusesTextPostgresqlCannotStoreWith400() {
    Response refused = shop.post("/api/products",
        "{\"sku\":\"NUL\",\"name\":\"a\\u0000b\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("invalid_value");
    assertThat(shop.get("/api/products/search?q=%00").status()).isEqualTo(400);
  }

  @Test
  void refusesBadStockChanges() {
    assertThat(shop.patch("/api/products/999999999/stock", "{\"delta\":1}").status()).isEqualTo(404);
    assertThat(shop.patch("/api/products/" + lampA + "/stock", "{}").errorField()).isEqualTo("delta");
    assertThat(shop.patch("/api/products/" + lampA + "/stock", "{\"delta\":0.5}").errorField()).isEqualTo("delta");
    assertThat(shop.patch("/api/products/x/stock", "{\"delta\":1}").errorField()).isEqualTo("id");
  }

  @Test
  void importsAllProductsAtOnce() {
    Http tenant = TestService.newTenant();
    StringBuilder body = new StringBuilder("{\"products\":[");
    for (int i = 0; i < 300; i++) {
      body.append(i == 0 ? "" : ",").append("{\"sku\":\"IMP-").append(i)
          .append("\",\"name\":\"Imported ").append(i).append("\",\"category\":\"toys\",\"priceCents\":")
          .append(100 + i).append(",\"stock\":5}");
    }
    Response imported = tenant.post("/api/products/import", body.append("]}").toString());
    assertThat(imported.status()).isEqualTo(201);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(300);
    assertThat(tenant.get("/api/products").json().get("total").asLong()).isEqualTo(300);
  }

  @Test
  void importsNothingWhenOneItemIsInvalid() {
    Http tenant = TestService.newTenant();
    Response refused = tenant.post("/api/products/import", "{\"products\":["
        + "{\"sku\":\"A\",\"name\":\"a\",\"category\":\"c\",\"priceCents\":1,\"stock\":1},"
        + "{\"sku\":\"B\",\"name\":\"b\",\"category\":\"c\",\"priceCents\":1,\"stock\":1},"
        + "{\"sku\":\"C\",\"name\":\"c\",\"category\":\"c\",\"stock\":1},"
        + "{\"sku\":\"D\",\"name\":\"d\",\"category\":\"c\",\"priceCents\":-5,\"stock\":1}]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorField()).isEqualTo("products[2].priceCents");
    assertThat(tenant.get("/api/products").json().get("total").asLong()).isZero();
  }

  @Test
  void importsNothingWhenOneSkuAlreadyExists() {
    Http tenant = TestService.newTenant();
    tenant.post("/api/products", "{\"sku\":\"OLD\",\"name\":\"o\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}");
    Response refused = tenant.post("/api/products/import", "{\"products\":["
        + "{\"sku\":\"NEW\",\"name\":\"n\",\"category\":\"c\",\"priceCents\":1,\"stock\":1},"
        + "{\"sku\":\"OLD\",\"name\":\"o\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}]}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("duplicate_sku");
    assertThat(refused.errorField()).isEqualTo("products[1].sku");
    assertThat(tenant.get("/api/products").json().get("total").asLong()).isEqualTo(1);
  }

  @Test
  void refusesImportsThatAreEmptyTooLargeOrRepeatASku() {
    assertThat(shop.post("/api/products/import", "{\"products\":[]}").errorField()).isEqualTo("products");
    assertThat(shop.post("/api/products/import", "{}").errorField()).isEqualTo("products");
    assertThat(shop.post("/api/products/import", "{\"products\":[null]}").errorField()).isEqualTo("products[0]");
    StringBuilder tooMany = new StringBuilder("{\"products\":[");
    for (int i = 0; i <= 5000; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"sku\":\"S").append(i)
          .append("\",\"name\":\"n\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}");
    }
    assertThat(shop.post("/api/products/import", tooMany.append("]}").toString()).errorField()).isEqualTo("products");
    assertThat(shop.post("/api/products/import", "{\"products\":["
        + "{\"sku\":\"R\",\"name\":\"n\",\"category\":\"c\",\"priceCents\":1,\"stock\":1},"
        + "{\"sku\":\"R\",\"name\":\"n\",\"category\":\"c\",\"priceCents\":1,\"stock\":1}]}").errorField())
        .isEqualTo("products[1].sku");
  }
}
