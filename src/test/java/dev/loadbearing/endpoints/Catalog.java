package dev.loadbearing.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Products: browse, search, read, create, adjust stock, bulk import. */
public final class Catalog {
  private static final String KEY = "#{" + Keys.API_KEY + "}";

  /** A page of the caller's catalogue; saves one product id for later steps. */
  public static final HttpRequestActionBuilder LIST_PRODUCTS = http("GET /api/products").get("/api/products")
      .header("X-Api-Key", KEY)
      .queryParam("page", "#{" + Keys.PAGE + "}").queryParam("size", "20")
      .check(status().is(200), jsonPath("$.total").ofInt().gte(0),
          jsonPath("$.items[*].id").findRandom().optional().saveAs(Keys.PRODUCT_ID));

  /** Word + category search sorted by price; an empty result is a valid answer. */
  public static final HttpRequestActionBuilder SEARCH_PRODUCTS = http("GET /api/products/search")
      .get("/api/products/search")
      .header("X-Api-Key", KEY)
      .queryParam("q", "#{" + Keys.SEARCH_TERM + "}")
      .queryParam("category", "#{" + Keys.CATEGORY + "}")
      .queryParam("minPrice", "100").queryParam("maxPrice", "50000")
      .queryParam("sort", "price_asc").queryParam("size", "20")
      .check(status().is(200), jsonPath("$.items").exists());

  public static final HttpRequestActionBuilder GET_PRODUCT = http("GET /api/products/{id}")
      .get("/api/products/#{" + Keys.PRODUCT_ID + "}")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.id").ofLong().isEL("#{" + Keys.PRODUCT_ID + "}"));

  /** A new product with a unique SKU from the session; saves its id. */
  public static final HttpRequestActionBuilder CREATE_PRODUCT = http("POST /api/products").post("/api/products")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"sku\":\"#{" + Keys.SKU + "}\",\"name\":\"Smoke lamp #{" + Keys.SKU + "}\","
          + "\"category\":\"garden\",\"priceCents\":1999,\"stock\":100}"))
      .check(status().is(201), jsonPath("$.id").saveAs(Keys.PRODUCT_ID));

  public static final HttpRequestActionBuilder RESTOCK = http("PATCH /api/products/{id}/stock")
      .patch("/api/products/#{" + Keys.PRODUCT_ID + "}/stock")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"delta\":5}"))
      .check(status().is(200), jsonPath("$.stock").ofInt().gte(5));

  /** Ten products in one all-or-nothing import. */
  public static final HttpRequestActionBuilder IMPORT_PRODUCTS = http("POST /api/products/import")
      .post("/api/products/import")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody(session -> importBody(session.getString(Keys.SKU), 10)))
      .check(status().is(201), jsonPath("$.imported").ofInt().is(10));

  private Catalog() {
  }

  static String importBody(String skuPrefix, int count) {
    StringBuilder body = new StringBuilder("{\"products\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"").append(skuPrefix).append("-imp-").append(i)
          .append("\",\"name\":\"Imported chair ").append(i)
          .append("\",\"category\":\"kitchen\",\"priceCents\":").append(500 + i).append(",\"stock\":50}");
    }
    return body.append("]}").toString();
  }
}
