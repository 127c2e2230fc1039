package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;

/** Products: browse, search, read, create, adjust stock, bulk import. */
public final class Catalog {
  /** A read of another tenant's product: any 2xx is a cross-tenant read. */
  public static final String FOREIGN_PRODUCT = "GET /api/products/{id} of another tenant";
  /** The name of every stock change; the hot-row verdict sums its admitted deltas. */
  public static final String STOCK = "PATCH /api/products/{id}/stock";
  private static final String KEY = "#{" + Keys.API_KEY + "}";
  private static final String WITHIN_FILTER = "every price within the filter";

  /** A page of the caller's catalogue, of the size asked for; saves one product id for later steps. */
  public static final HttpRequestActionBuilder LIST_PRODUCTS = Observed.get("GET /api/products", "/api/products")
      .header("X-Api-Key", KEY)
      .queryParam("page", "#{" + Keys.PAGE + "}").queryParam("size", "20")
      .check(status().is(200), jsonPath("$.page").ofInt().isEL("#{" + Keys.PAGE + "}"),
          jsonPath("$.size").ofInt().is(20), jsonPath("$.total").ofInt().gte(0),
          jsonPath("$.items[*].id").findRandom().optional().saveAs(Keys.PRODUCT_ID));

  /** Word, category and price filters, sorted; every item returned lies within the price range. */
  public static final HttpRequestActionBuilder SEARCH_PRODUCTS = Observed.get("GET /api/products/search",
          "/api/products/search")
      .header("X-Api-Key", KEY)
      .queryParam("q", "#{" + Keys.SEARCH_TERM + "}")
      .queryParam("category", "#{" + Keys.CATEGORY + "}")
      .queryParam("minPrice", "#{" + Keys.MIN_PRICE + "}").queryParam("maxPrice", "#{" + Keys.MAX_PRICE + "}")
      .queryParam("sort", "#{" + Keys.SORT + "}").queryParam("size", "20")
      .check(status().is(200), jsonPath("$.items").exists(), jsonPath("$.total").ofInt().gte(0),
          jsonPath("$.items[*].priceCents").ofInt().findAll().withDefault(List.of())
              .transformWithSession((prices, session) -> {
                int min = Integer.parseInt(session.getString(Keys.MIN_PRICE));
                int max = Integer.parseInt(session.getString(Keys.MAX_PRICE));
                return prices.stream().filter(p -> p < min || p > max).findFirst()
                    .map(p -> "price " + p + " outside " + min + ".." + max).orElse(WITHIN_FILTER);
              }).is(WITHIN_FILTER));

  /** The product the session names, by id. */
  public static final HttpRequestActionBuilder GET_PRODUCT = Observed.get("GET /api/products/{id}",
          "/api/products/#{" + Keys.PRODUCT_ID + "}")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.id").ofLong().isEL("#{" + Keys.PRODUCT_ID + "}"),
          jsonPath("$.stock").ofInt().gte(0));

  /**
   * Another tenant's product id: must answer 404 exactly as a missing id (a 429 is also a correct answer,
   * from the caller's own bucket). A 200 is a cross-tenant read.
   */
  public static final HttpRequestActionBuilder GET_FOREIGN_PRODUCT = Observed.get(FOREIGN_PRODUCT,
          "/api/products/#{" + Keys.FOREIGN_PRODUCT_ID + "}")
      .header("X-Api-Key", KEY)
      .check(status().in(404, 429));

  /** A new product with a unique SKU and the stock from the session; saves its id. */
  public static final HttpRequestActionBuilder CREATE_PRODUCT = Observed.post("POST /api/products", "/api/products")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"sku\":\"#{" + Keys.SKU + "}\",\"name\":\"Lamp #{" + Keys.SKU + "}\","
          + "\"category\":\"garden\",\"priceCents\":1999,\"stock\":#{" + Keys.STOCK + "}}"))
      .check(status().is(201), jsonPath("$.sku").isEL("#{" + Keys.SKU + "}"),
          jsonPath("$.stock").ofInt().isEL("#{" + Keys.STOCK + "}"), jsonPath("$.id").saveAs(Keys.PRODUCT_ID));

  /** Restock by 5: the new stock is at least 5. */
  public static final HttpRequestActionBuilder RESTOCK = Observed.patch(STOCK,
          "/api/products/#{" + Keys.PRODUCT_ID + "}/stock")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"delta\":5}"))
      .check(status().is(200), jsonPath("$.stock").ofInt().gte(5));

  /** Adjust stock by the session's delta (many users on one row); the stock never goes negative. */
  public static final HttpRequestActionBuilder ADJUST_STOCK = Observed.patch(STOCK,
          "/api/products/#{" + Keys.PRODUCT_ID + "}/stock")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"delta\":#{" + Keys.DELTA + "}}"))
      .check(status().is(200), jsonPath("$.stock").ofInt().gte(0));

  /** Ten products in one all-or-nothing import. */
  public static final HttpRequestActionBuilder IMPORT_PRODUCTS = Observed.post("POST /api/products/import",
          "/api/products/import")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody(session -> importBody(session.getString(Keys.SKU), 10)))
      .check(status().is(201), jsonPath("$.imported").ofInt().is(10));

  /** A bulk import of the session's size; all of them are imported. */
  public static final HttpRequestActionBuilder BULK_IMPORT = Observed.post("POST /api/products/import",
          "/api/products/import")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody(session -> importBody(session.getString(Keys.SKU), session.getInt(Keys.IMPORT_SIZE))))
      .check(status().is(201), jsonPath("$.imported").ofInt().isEL("#{" + Keys.IMPORT_SIZE + "}"));

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
