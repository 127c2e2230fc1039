package dev.loadbearing.suite.observe;

import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadbearing.suite.live.LiveRequests;
import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Starts every request builder of the suite: the same static name as Gatling's, plus checks that count the
 * status code and the response time without changing whether the request is OK or KO, and one that every
 * 429 carries {@code Retry-After} as API.md promises.
 */
public final class Observed {
  /** Session key naming the population (tier, sub-scenario) a user belongs to; optional. */
  public static final String POPULATION = "population";

  private Observed() {
  }

  public static HttpRequestActionBuilder get(String name, String url) {
    return observe(name, http(name).get(url));
  }

  public static HttpRequestActionBuilder post(String name, String url) {
    return observe(name, http(name).post(url));
  }

  public static HttpRequestActionBuilder put(String name, String url) {
    return observe(name, http(name).put(url));
  }

  public static HttpRequestActionBuilder patch(String name, String url) {
    return observe(name, http(name).patch(url));
  }

  /**
   * The condition runs once per response, first among the request's checks: it counts the status and the
   * time, and is true only for a 429, which must then carry Retry-After.
   */
  private static HttpRequestActionBuilder observe(String name, HttpRequestActionBuilder request) {
    return request
        .checkIf((response, session) -> observe(population(session), name, response))
        .then(header("Retry-After").exists());
  }

  /** Records one response; an error response also with whether it carried Retry-After. */
  private static boolean observe(String population, String name, Response response) {
    int code = response.status().code();
    if (code >= 500 || code == 429) {
      ErrorResponses.record(response.startTimestamp(), response.endTimestamp(), code,
          response.headers().contains("Retry-After"));
    }
    return record(population, name, code, response.startTimestamp(), response.endTimestamp());
  }

  /** What the check does for every response; true for a 429. Measured alone by RecordingCostBenchmark. */
  static boolean record(String population, String name, int code, long startMillis, long endMillis) {
    boolean failed = code >= 500 || code == 429;
    StatusCounts.record(population, name, code);
    LatencyTimeline.record(startMillis, endMillis, failed);
    // Null unless -Dlive.port: then one volatile read is all the live metrics cost.
    LiveRequests live = LiveRequests.current();
    if (live != null) {
      live.record(population, name, code, endMillis - startMillis, failed);
    }
    return code == 429;
  }

  private static String population(Session session) {
    return session.contains(POPULATION) ? session.getString(POPULATION) : StatusCounts.ALL;
  }
}
