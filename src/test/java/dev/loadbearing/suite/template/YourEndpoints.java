package dev.loadbearing.suite.template;

import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Your service's calls, one request builder each: replace these two with your routes and their checks.
 * {@link Observed} gives each the suite's status counting (429 and 5xx shares, {@code Retry-After}) and keeps
 * the name static, as the report, stats.json and the baselines key on it.
 */
public final class YourEndpoints {
  /** The front page answers. */
  public static final HttpRequestActionBuilder HOME = Observed.get("GET /", "/").check(status().is(200));

  /** A list of items, as JSON. */
  public static final HttpRequestActionBuilder ITEMS = Observed.get("GET /api/items", "/api/items")
      .check(status().is(200));

  private YourEndpoints() {
  }
}
