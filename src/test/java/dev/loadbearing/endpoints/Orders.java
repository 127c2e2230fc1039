package dev.loadbearing.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Orders: place one (a stock-decrementing transaction), read one, list the tenant's. */
public final class Orders {
  private static final String KEY = "#{" + Keys.API_KEY + "}";

  /** One line of the session's product; 201 with the order, or 409 when stock is gone. */
  public static final HttpRequestActionBuilder PLACE_ORDER = http("POST /api/orders").post("/api/orders")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"items\":[{\"productId\":#{" + Keys.PRODUCT_ID + "},\"quantity\":#{" + Keys.QUANTITY + "}}]}"))
      .check(status().is(201), jsonPath("$.totalCents").ofLong().gt(0L), jsonPath("$.id").saveAs(Keys.ORDER_ID));

  public static final HttpRequestActionBuilder GET_ORDER = http("GET /api/orders/{id}")
      .get("/api/orders/#{" + Keys.ORDER_ID + "}")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.items[0].productId").exists());

  public static final HttpRequestActionBuilder LIST_ORDERS = http("GET /api/orders").get("/api/orders")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.items").exists());

  private Orders() {
  }
}
