package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Aggregations over a tenant's data. */
public final class Reports {
  private static final String KEY = "#{" + Keys.API_KEY + "}";

  /** Joins and aggregation per category; a tenant with a catalogue has at least one category line. */
  public static final HttpRequestActionBuilder INVENTORY = Observed.get("GET /api/reports/inventory",
          "/api/reports/inventory")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.categories[0].category").exists(),
          jsonPath("$.categories[0].units").ofLong().gte(0L));

  /** Invariants that must hold whatever the load did: no negative stock, orders consistent. */
  public static final HttpRequestActionBuilder CONSISTENCY = Observed.get("GET /api/admin/consistency",
          "/api/admin/consistency")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.negativeStock").ofInt().is(0),
          jsonPath("$.ordersWithoutItems").ofInt().is(0), jsonPath("$.orderTotalsMismatched").ofInt().is(0));

  private Reports() {
  }
}
