package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.endpoints.Reports;
import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database through the API, one operation class per group: CRUD, heavy joins and aggregations, many
 * users on one row, transactions that must roll back, and a burst that queues for connections.
 */
public final class DatabaseWork {
  public static final String KEY = "db.apiKey";
  public static final String HOT_PRODUCT = "db.hotProductId";
  public static final String ROLLBACK_PRODUCT = "db.rollbackProductId";
  public static final String EMPTY_PRODUCT = "db.emptyProductId";
  public static final int HOT_STOCK = 1_000_000;
  public static final int ROLLBACK_STOCK = 100;
  /** Populations of the one-row updates, so the expected final stock can be computed from the counts. */
  public static final String HOT_UP = "hot-row +1";
  public static final String HOT_DOWN = "hot-row -1";
  /** The group of the operations run before the judged load. */
  public static final String WARM_UP = "warm-up";

  private DatabaseWork() {
  }

  /** A tenant of its own with a catalogue (for the joins), the hot row, and the rollback pair. */
  public static ChainBuilder setUp(String tier, Optional<String> apiKey) {
    return Tenancy.freshOrGiven("db", tier, apiKey)
        .exec(session -> session.set(Keys.IMPORT_SIZE, 200))
        .exec(group("set up").on(exec(Catalog.BULK_IMPORT)
            .exec(product("-hot", HOT_STOCK)).exec(Handoff.save(Keys.PRODUCT_ID, HOT_PRODUCT))
            .exec(product("-rollback", ROLLBACK_STOCK)).exec(Handoff.save(Keys.PRODUCT_ID, ROLLBACK_PRODUCT))
            .exec(product("-empty", 0)).exec(Handoff.save(Keys.PRODUCT_ID, EMPTY_PRODUCT))))
        .exec(exitHereIfFailed())
        .exec(Handoff.save(Keys.API_KEY, KEY));
  }

  /** Create, read, update, list, order, read the order. */
  public static ChainBuilder crud() {
    return feed(Feeders.fresh("crud")).exec(Handoff.load(KEY, Keys.API_KEY))
        .exec(session -> session.set(Keys.STOCK, 50).set(Keys.PAGE, 1).set(Keys.QUANTITY, 1))
        .exec(group("crud").on(exec(Catalog.CREATE_PRODUCT, Catalog.GET_PRODUCT, Catalog.RESTOCK,
            Catalog.LIST_PRODUCTS, Orders.PLACE_ORDER, Orders.GET_ORDER)));
  }

  /** The inventory report (joins and aggregation) and the largest page of orders. */
  public static ChainBuilder joins(String group) {
    return exec(Handoff.load(KEY, Keys.API_KEY))
        .exec(group(group).on(exec(Reports.INVENTORY, Orders.LIST_ORDERS)));
  }

  /** +1 or -1 on the one hot row, at random; each counted under its own population. */
  public static ChainBuilder hotRow() {
    return exec(Handoff.load(KEY, Keys.API_KEY), Handoff.load(HOT_PRODUCT, Keys.PRODUCT_ID))
        .exec(session -> {
          boolean up = ThreadLocalRandom.current().nextBoolean();
          return session.set(Keys.DELTA, up ? 1 : -1).set(Observed.POPULATION, up ? HOT_UP : HOT_DOWN);
        })
        .exec(group("hot-row").on(exec(Catalog.ADJUST_STOCK)));
  }

  /** An order whose second line has no stock: 409 and nothing decremented. */
  public static ChainBuilder rollback() {
    return exec(Handoff.load(KEY, Keys.API_KEY), Handoff.load(ROLLBACK_PRODUCT, Keys.PRODUCT_ID),
        Handoff.load(EMPTY_PRODUCT, Keys.OTHER_PRODUCT_ID))
        .exec(group("rollback").on(exec(Orders.PLACE_ORDER_ROLLED_BACK)));
  }

  /**
   * One operation of any class, picked in proportion to the classes' rates, inside a group {@code warm-up}: the
   * same work as the judged load, but its names ({@code warm-up / crud / ...}) are not the ones judged.
   */
  public static ChainBuilder warmUp(double crudRate, double joinsRate, double hotRowRate, double rollbackRate) {
    double total = crudRate + joinsRate + hotRowRate + rollbackRate;
    return group(WARM_UP).on(randomSwitch().on(
        percent(100 * crudRate / total).then(crud()),
        percent(100 * joinsRate / total).then(joins("joins")),
        percent(100 * hotRowRate / total).then(hotRow()),
        percent(100 * rollbackRate / total).then(rollback())));
  }

  /** The tenant into the session, for verification. */
  public static ChainBuilder recall() {
    return exec(Handoff.load(KEY, Keys.API_KEY));
  }

  private static ChainBuilder product(String suffix, int stock) {
    return exec(session -> session.set(Keys.STOCK, stock).set("baseSku", session.getString(Keys.SKU))
        .set(Keys.SKU, session.getString(Keys.SKU) + suffix))
        .exec(Catalog.CREATE_PRODUCT)
        .exec(session -> session.set(Keys.SKU, session.getString("baseSku")));
  }
}
