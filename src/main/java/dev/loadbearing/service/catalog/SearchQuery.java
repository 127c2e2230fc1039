package dev.loadbearing.service.catalog;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Page;
import dev.loadbearing.service.http.Query;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** The filters of {@code GET /api/products/search}, each optional, read and checked once. */
record SearchQuery(Optional<String> words, Optional<String> category, Optional<Long> minPrice,
                   Optional<Long> maxPrice, Sort sort, Page.Request page) {

  /** Each order ends on id so that pages are stable when prices or names tie. */
  enum Sort {
    PRICE_ASC("price_cents, id"), PRICE_DESC("price_cents DESC, id DESC"), NAME("name, id"), NONE("id");

    final String orderBy;

    Sort(String orderBy) {
      this.orderBy = orderBy;
    }
  }

  static SearchQuery of(HttpServerExchange exchange) {
    Optional<String> words = Query.string(exchange, "q");
    if (words.isPresent() && words.get().length() > 200) {
      throw ApiException.badRequest("q", "Parameter 'q' must be at most 200 characters");
    }
    Optional<Long> min = Query.optionalLong(exchange, "minPrice", 0, Long.MAX_VALUE);
    Optional<Long> max = Query.optionalLong(exchange, "maxPrice", 0, Long.MAX_VALUE);
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      throw ApiException.badRequest("minPrice", "Parameter 'minPrice' must not be above 'maxPrice'");
    }
    return new SearchQuery(words, Query.string(exchange, "category"), min, max, sort(exchange),
        Page.Request.of(exchange));
  }

  private static Sort sort(HttpServerExchange exchange) {
    String raw = Query.string(exchange, "sort").orElse(null);
    if (raw == null) {
      return Sort.NONE;
    }
    return switch (raw) {
      case "price_asc" -> Sort.PRICE_ASC;
      case "price_desc" -> Sort.PRICE_DESC;
      case "name" -> Sort.NAME;
      default -> throw ApiException.badRequest("sort", "Parameter 'sort' is '" + raw
          + "' but must be price_asc, price_desc or name");
    };
  }
}
