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

/** A tenant admin: a bulk import of products (all or nothing), or the heavy reports; then think. */
public final class TenantAdmin {
  private TenantAdmin() {
  }

  public static ChainBuilder journey(JourneyConfig journeys) {
    JourneyConfig.Journey admin = journeys.admin();
    return randomSwitch().on(
            percent(admin.weight("bulk-import")).then(group("bulk import").on(feed(Feeders.fresh("import"))
                .exec(session -> session.set(Keys.IMPORT_SIZE, journeys.importSize()))
                .exec(Catalog.BULK_IMPORT))),
            percent(admin.weight("reports")).then(group("reports").on(exec(Reports.INVENTORY, Orders.LIST_ORDERS))))
        .exec(Think.of(admin));
  }
}
