package dev.loadbearing.service;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.ApiRouter;
import dev.loadbearing.service.http.Reply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** Every route of the service in one list; docs/API.md describes each with a curl example. */
public final class Api {
  private Api() {
  }

  public static ApiRouter routes(Database database, PrometheusMeterRegistry meters) {
    return new ApiRouter(meters)
        .get("/health", exchange -> health(database))
        .get("/metrics", exchange -> Reply.text(200, meters.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
  }

  /** {@code curl localhost:8080/health} → 200 {"status":"up","database":"up"}, or 503 when the database is down. */
  private static Reply health(Database database) {
    if (!database.isUp()) {
      throw new ApiException(503, "database_down", "The database does not answer");
    }
    return Reply.ok(Map.of("status", "up", "database", "up"));
  }
}
