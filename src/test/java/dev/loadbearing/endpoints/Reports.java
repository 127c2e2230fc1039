package dev.loadbearing.endpoints;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Aggregations over a tenant's data. */
public final class Reports {
  private static final String KEY = "#{" + Keys.API_KEY + "}";

  public static final HttpRequestActionBuilder INVENTORY = http("GET /api/reports/inventory")
      .get("/api/reports/inventory")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.categories[0].category").exists());

  /** Invariants that must hold whatever the load did: no negative stock, orders consistent. */
  public static final HttpRequestActionBuilder CONSISTENCY = http("GET /api/admin/consistency")
      .get("/api/admin/consistency")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.negativeStock").ofInt().is(0),
          jsonPath("$.orderTotalsMismatched").ofInt().is(0));

  private Reports() {
  }
}
