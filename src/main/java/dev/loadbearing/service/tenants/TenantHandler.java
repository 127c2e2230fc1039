package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.Reply;
import io.undertow.server.HttpServerExchange;

/** An endpoint that runs for an authenticated tenant; {@link Auth#required} makes it an ApiHandler. */
@FunctionalInterface
public interface TenantHandler {
  Reply handle(HttpServerExchange exchange, Tenant tenant) throws Exception;
}
