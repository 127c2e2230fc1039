package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Orders: place one (a stock-decrementing transaction), read one, list the tenant's. */
public final class Orders {
  /** The name of every order placement; FlashSale's verdicts count its statuses. */
  public static final String PLACE = "POST /api/orders";
  private static final String KEY = "#{" + Keys.API_KEY + "}";
  private static final String ONE_LINE = "{\"items\":[{\"productId\":#{" + Keys.PRODUCT_ID + "},\"quantity\":#{"
      + Keys.QUANTITY + "}}]}";

  /** One line of the session's product; 201 with a priced order. */
  public static final HttpRequestActionBuilder PLACE_ORDER = Observed.post(PLACE, "/api/orders")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody(ONE_LINE))
      .check(status().is(201), jsonPath("$.totalCents").ofLong().gt(0L),
          jsonPath("$.items[0].productId").ofLong().isEL("#{" + Keys.PRODUCT_ID + "}"),
          jsonPath("$.id").saveAs(Keys.ORDER_ID));

  /**
   * One attempt at an order that may be retried: it carries the session's {@code Idempotency-Key}, so a retry of
   * an order the service committed returns that order. 201 with the order, or 409 out of stock, are correct; a
   * 503 or 429 is a failure to Gatling, and its status and {@code Retry-After} are saved for the retry.
   */
  public static final HttpRequestActionBuilder PLACE_ORDER_IDEMPOTENT = Observed.post(PLACE, "/api/orders")
      .header("X-Api-Key", KEY)
      .header("Idempotency-Key", "#{" + Keys.IDEMPOTENCY_KEY + "}")
      .asJson()
      .body(StringBody(ONE_LINE))
      // Gatling evaluates every check: the status, Retry-After and the id are saved even when the last one fails.
      .check(status().saveAs(Keys.STATUS), header("Retry-After").optional().saveAs(Keys.RETRY_AFTER),
          jsonPath("$.id").ofLong().optional().saveAs(Keys.ORDER_ID), status().in(201, 409));

  /**
   * The same order where running out of stock is a correct answer: 201 with the order, or 409
   * {@code out_of_stock} (a shopper who lost the race). Anything else fails.
   */
  public static final HttpRequestActionBuilder PLACE_ORDER_OR_SOLD_OUT = Observed.post(PLACE, "/api/orders")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody(ONE_LINE))
      .check(status().in(201, 409).saveAs(Keys.STATUS));

  /**
   * Two lines, the second of a product without stock: the whole order must roll back with 409
   * {@code out_of_stock}, leaving the first product's stock untouched.
   */
  public static final HttpRequestActionBuilder PLACE_ORDER_ROLLED_BACK = Observed.post(PLACE, "/api/orders")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"items\":[{\"productId\":#{" + Keys.PRODUCT_ID + "},\"quantity\":1},"
          + "{\"productId\":#{" + Keys.OTHER_PRODUCT_ID + "},\"quantity\":1}]}"))
      .check(status().is(409), jsonPath("$.error.code").is("out_of_stock"));

  public static final HttpRequestActionBuilder GET_ORDER = Observed.get("GET /api/orders/{id}",
          "/api/orders/#{" + Keys.ORDER_ID + "}")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.id").ofLong().isEL("#{" + Keys.ORDER_ID + "}"),
          jsonPath("$.items[0].productId").exists());

  /** A page of the tenant's orders, newest first; size from the session (100 is the heavy report). */
  public static final HttpRequestActionBuilder LIST_ORDERS = Observed.get("GET /api/orders", "/api/orders")
      .header("X-Api-Key", KEY)
      .queryParam("page", "1").queryParam("size", "100")
      .check(status().is(200), jsonPath("$.items").exists(), jsonPath("$.total").ofInt().gte(0));

  private Orders() {
  }
}
