package dev.loadbearing.service.http;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Optional;

/** Query and path parameters, each bad value a 400 that names the parameter. */
public final class Query {
  private Query() {
  }

  public static Optional<String> string(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    String value = values.getFirst().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public static int intInRange(HttpServerExchange exchange, String name, int fallback, int min, int max) {
    Optional<String> raw = string(exchange, name);
    return raw.isEmpty() ? fallback : (int) parse(raw.get(), name, min, max);
  }

  public static Optional<Long> optionalLong(HttpServerExchange exchange, String name, long min, long max) {
    return string(exchange, name).map(raw -> parse(raw, name, min, max));
  }

  /** A path id such as {@code /api/products/{id}}; not a positive whole number is a 400, not a 404. */
  public static long id(HttpServerExchange exchange, String name) {
    return parse(string(exchange, name).orElse(""), name, 1, Long.MAX_VALUE);
  }

  private static long parse(String raw, String name, long min, long max) {
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the accepted range
    }
    String range = max == Long.MAX_VALUE
        ? "a whole number of at least " + min
        : "a whole number from " + min + " to " + max;
    throw ApiException.badRequest(name, "Parameter '" + name + "' is '" + raw + "' but must be " + range);
  }
}
