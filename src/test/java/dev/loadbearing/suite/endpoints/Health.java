package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Unauthenticated operational endpoints. */
public final class Health {
  /** The service and its database answer. */
  public static final HttpRequestActionBuilder HEALTH = Observed.get("GET /health", "/health")
      .check(status().is(200), jsonPath("$.status").is("up"), jsonPath("$.database").is("up"));

  /** Prometheus text with per-route request counts and the pool gauges. */
  public static final HttpRequestActionBuilder METRICS = Observed.get("GET /metrics", "/metrics")
      .check(status().is(200), regex("http_server_requests_seconds_count").exists(),
          regex("hikaricp_connections_active").exists());

  private Health() {
  }
}
