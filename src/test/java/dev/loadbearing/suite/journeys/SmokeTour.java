package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;

import dev.loadbearing.suite.endpoints.Assistant;
import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Health;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.endpoints.Reports;
import dev.loadbearing.suite.endpoints.Tenants;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** Every endpoint once, in the order a new tenant would meet them, each response checked. */
public final class SmokeTour {
  /** The journey's name; its chat is counted under it. */
  public static final String NAME = "smoke";

  /** A fresh tenant name and SKU prefix per user, so concurrent users never collide. */
  private static final Iterator<Map<String, Object>> NEW_TENANTS = Stream.generate(() -> {
    String id = Feeders.uniqueId(8);
    Map<String, Object> record = new java.util.HashMap<>(Map.<String, Object>of(Keys.TENANT_NAME, "smoke-" + id,
        Keys.SKU, "SMOKE-" + id,
        Keys.SEARCH_TERM, "lamp", Keys.CATEGORY, "garden", Keys.PAGE, 1, Keys.QUANTITY, 2,
        Keys.PROMPT, "Which lamps are in stock?", Keys.STOCK, 100));
    record.put(Keys.MIN_PRICE, "100");
    record.put(Keys.MAX_PRICE, "50000");
    record.put(Keys.SORT, "price_asc");
    record.put(Keys.JOURNEY, NAME);
    return record;
  }).iterator();

  public static final ChainBuilder TOUR = feed(NEW_TENANTS)
      .exec(group("operations").on(exec(Health.HEALTH, Health.METRICS)))
      .exec(group("onboarding").on(exec(Tenants.SIGN_UP, Tenants.UPDATE_SETTINGS, Tenants.UPLOAD_LOGO,
          Tenants.GET_TENANT)))
      .exec(group("catalog").on(exec(Catalog.CREATE_PRODUCT, Catalog.GET_PRODUCT, Catalog.RESTOCK,
          Catalog.LIST_PRODUCTS, Catalog.SEARCH_PRODUCTS, Catalog.IMPORT_PRODUCTS)))
      .exec(session -> session.set(Keys.SKU, session.getString(Keys.SKU) + "-2"))
      .exec(group("orders").on(exec(Catalog.CREATE_PRODUCT, Orders.PLACE_ORDER, Orders.GET_ORDER,
          Orders.LIST_ORDERS)))
      .exec(group("reports").on(exec(Reports.INVENTORY, Reports.CONSISTENCY)))
      .exec(group("assistant").on(exec(Assistant.CHAT)));

  private SmokeTour() {
  }
}
