package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Optional;

/** A flash sale: one product with a small stock, a crowd of buyers racing for it, a few browsers. */
public final class FlashSale {
  public static final String SALE_KEY = "flash.apiKey";
  public static final String SALE_PRODUCT = "flash.productId";
  public static final String BUYERS = "buyers";

  private FlashSale() {
  }

  /** A fresh tenant on {@code tier} (or the given key) and the sale product with {@code stock} units. */
  public static ChainBuilder setUp(String tier, int stock, Optional<String> apiKey) {
    return Tenancy.freshOrGiven("flash", tier, apiKey)
        .exec(session -> session.set(Keys.STOCK, stock))
        .exec(group("set up").on(exec(Catalog.CREATE_PRODUCT)))
        .exec(exitHereIfFailed())
        .exec(Handoff.save(Keys.API_KEY, SALE_KEY), Handoff.save(Keys.PRODUCT_ID, SALE_PRODUCT));
  }

  /** A member of the crowd: a buyer ({@code buyersPercent}) or a browser. */
  public static ChainBuilder crowd(double buyersPercent) {
    return randomSwitch().on(percent(buyersPercent).then(buyer()), percent(100 - buyersPercent).then(browser()));
  }

  /** One unit of the sale product: a 201 while stock lasts, then 409 out_of_stock. */
  public static ChainBuilder buyer() {
    return exec(session -> session.set(Observed.POPULATION, BUYERS).set(Keys.QUANTITY, 1))
        .exec(Handoff.load(SALE_KEY, Keys.API_KEY), Handoff.load(SALE_PRODUCT, Keys.PRODUCT_ID))
        .exec(group("buy").on(exec(Orders.PLACE_ORDER_OR_SOLD_OUT)));
  }

  /** A page of the sale tenant's catalogue. */
  public static ChainBuilder browser() {
    return exec(session -> session.set(Keys.PAGE, 1))
        .exec(Handoff.load(SALE_KEY, Keys.API_KEY))
        .exec(group("browse").on(exec(Catalog.LIST_PRODUCTS)));
  }

  /** The sale's tenant and product into the session, for the verification after the sale. */
  public static ChainBuilder recall() {
    return exec(Handoff.load(SALE_KEY, Keys.API_KEY), Handoff.load(SALE_PRODUCT, Keys.PRODUCT_ID));
  }

}
