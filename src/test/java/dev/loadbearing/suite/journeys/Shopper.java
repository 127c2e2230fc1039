package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.endpoints.Reports;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.concurrent.ThreadLocalRandom;

/** A shopper: browse (paginated), search (filters), place an order, view the inventory report; then think. */
public final class Shopper {
  private Shopper() {
  }

  /** One shopper step, picked by the journey's weights, then a think time. Needs a tenant in the session. */
  public static ChainBuilder journey(JourneyConfig journeys) {
    JourneyConfig.Journey shopper = journeys.shopper();
    return randomSwitch().on(
            percent(shopper.weight("browse")).then(browse(journeys.shopperPages())),
            percent(shopper.weight("search"))
                .then(group("search").on(feed(Feeders.SEARCHES).exec(Catalog.SEARCH_PRODUCTS))),
            percent(shopper.weight("order")).then(group("order").on(pickProduct(journeys.shopperPages())
                .doIf(session -> session.contains(Keys.PRODUCT_ID)).then(
                    exec(session -> session.set(Keys.QUANTITY, 1)).exec(Orders.PLACE_ORDER)))),
            percent(shopper.weight("report")).then(group("report").on(exec(Reports.INVENTORY))))
        .exec(Think.of(shopper));
  }

  /** One page of the catalogue, no think time: a single request, for arrival-rate probes. */
  public static ChainBuilder browse(int pages) {
    return group("browse").on(exec(randomPage(pages)).exec(Catalog.LIST_PRODUCTS));
  }

  /** A random catalogue page, saving one of its products (when it has any) as the session's product. */
  public static ChainBuilder pickProduct(int pages) {
    return exec(randomPage(pages)).exec(Catalog.LIST_PRODUCTS);
  }

  private static ChainBuilder randomPage(int pages) {
    return exec(session -> session.set(Keys.PAGE, 1 + ThreadLocalRandom.current().nextInt(pages)));
  }
}
