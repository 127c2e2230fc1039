package dev.loadbearing.service.http;

import java.util.List;

/** One page of a listing: {@code {"items":[...],"page":1,"size":20,"total":N}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** Reads {@code page} (≥ 1) and {@code size} (1..100, default 20) from the query string. */
  public record Request(int page, int size) {
    public static Request of(io.undertow.server.HttpServerExchange exchange) {
      return new Request(Query.intInRange(exchange, "page", 1, 1, 1_000_000),
          Query.intInRange(exchange, "size", 20, 1, 100));
    }

    public long offset() {
      return (long) (page - 1) * size;
    }
  }
}
