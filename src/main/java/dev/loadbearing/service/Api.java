package dev.loadbearing.service;

import dev.loadbearing.service.assistant.Assistant;
import dev.loadbearing.service.assistant.AssistantHandlers;
import dev.loadbearing.service.catalog.CatalogHandlers;
import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.faults.LiveFaults;
import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.ApiRouter;
import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.idempotency.Idempotency;
import dev.loadbearing.service.orders.OrderHandlers;
import dev.loadbearing.service.ratelimit.AbuseLimits;
import dev.loadbearing.service.ratelimit.AddressLimiter;
import dev.loadbearing.service.ratelimit.RateLimiter;
import dev.loadbearing.service.reports.ReportHandlers;
import dev.loadbearing.service.tenants.Auth;
import dev.loadbearing.service.tenants.LogoUpload;
import dev.loadbearing.service.tenants.TenantDirectory;
import dev.loadbearing.service.tenants.TenantHandlers;
import dev.loadbearing.service.tenants.Tier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** Every route of the service in one list; docs/API.md describes each with a curl example. */
public final class Api {
  private static final String HEALTHY = "{\"status\":\"up\",\"database\":\"up\"}";

  private Api() {
  }

  public static ApiRouter routes(Database database, PrometheusMeterRegistry meters, ServiceConfig config,
                                 LiveFaults liveFaults) {
    AbuseLimits abuse = config.abuse();
    int entries = abuse.cacheEntries();
    TenantDirectory directory = new TenantDirectory(database, entries, meters);
    Auth auth = new Auth(directory, new RateLimiter(meters, System::nanoTime, Tier.wireNames(), entries),
        new AddressLimiter("unknown_key", "too_many_unknown_keys", "requests with an unknown API key",
            abuse.unknownKeys(), entries, System::nanoTime, meters),
        config.rateLimitMultiplier());
    TenantHandlers tenants = new TenantHandlers(directory, new AddressLimiter("signup", "too_many_signups",
        "sign-ups", abuse.signups(), entries, System::nanoTime, meters));
    LogoUpload logo = new LogoUpload(directory);
    Idempotency idempotency = new Idempotency(database);
    CatalogHandlers catalog = new CatalogHandlers(database, idempotency);
    OrderHandlers orders = new OrderHandlers(database, idempotency);
    ReportHandlers reports = new ReportHandlers(database);
    AssistantHandlers assistant = new AssistantHandlers(Assistant.simulated(config.assistantLatencyScale(),
        abuse.assistantTenantShare(), entries, meters, liveFaults::providerErrorShare));
    return new ApiRouter(meters, config.faults(), config.http())
        .getOnIoThread("/health", exchange -> health(database.isUp()))
        .get("/metrics", exchange -> Reply.text(200, meters.scrape(), "text/plain; version=0.0.4; charset=utf-8"))
        .post("/api/tenants", tenants::signup)
        .get("/api/tenant", auth.required(tenants::get))
        .put("/api/tenant/settings", auth.required(tenants::settings))
        .postStreamed("/api/tenant/logo", LogoUpload.MAX_BODY_BYTES, auth.required(logo::upload))
        .get("/api/products", auth.required(catalog::list))
        .get("/api/products/search", auth.required(catalog::search))
        .get("/api/products/{id}", auth.required(catalog::get))
        .post("/api/products", auth.required(catalog::create))
        .patch("/api/products/{id}/stock", auth.required(catalog::adjustStock))
        .postStreamed("/api/products/import", CatalogHandlers.MAX_IMPORT_BYTES, auth.required(catalog::importAll))
        .post("/api/orders", auth.required(orders::create))
        .get("/api/orders/{id}", auth.required(orders::get))
        .get("/api/orders", auth.required(orders::list))
        .get("/api/reports/inventory", auth.required(reports::inventory))
        .post("/api/assistant/chat", auth.required(assistant::chat))
        .get("/api/admin/consistency", auth.required(reports::consistency));
  }

  /**
   * {@code curl localhost:8080/health} → 200 {"status":"up","database":"up"}, or 503 with {@code Retry-After} when
   * the database does not answer its health probe (see {@code HealthProbe}: its own connection, not the pool's).
   */
  private static Reply health(boolean databaseUp) {
    if (!databaseUp) {
      throw new ApiException(503, "database_down", "The database does not answer", null, Map.of("Retry-After", "1"));
    }
    return Reply.text(200, HEALTHY, Json.CONTENT_TYPE);
  }
}
