package dev.loadbearing.service.http;

import io.undertow.server.HttpServerExchange;

/** One endpoint. Runs on a worker thread, may block on the database, and throws ApiException to refuse. */
@FunctionalInterface
public interface ApiHandler {
  Reply handle(HttpServerExchange exchange) throws Exception;
}
