package dev.loadbearing.service.http;

import io.undertow.server.HttpServerExchange;

/**
 * One endpoint. Runs on a worker thread, where it may block on the database (a route added with
 * {@link ApiRouter#getOnIoThread} runs on the I/O thread and must not block), and throws ApiException to refuse.
 */
@FunctionalInterface
public interface ApiHandler {
  Reply handle(HttpServerExchange exchange) throws Exception;
}
