package dev.loadbearing.service.idempotency;

import dev.loadbearing.service.http.ApiException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.Map;
import java.util.Optional;

/** The {@code Idempotency-Key} request header: 1 to 255 visible ASCII characters, sent at most once. */
record IdempotencyKey(String value) {
  static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  /** The request's key; empty without the header; a 400 naming the header when it is malformed. */
  static Optional<IdempotencyKey> of(HttpServerExchange exchange) {
    HeaderValues values = exchange.getRequestHeaders().get(HEADER);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw invalid("Send header '" + HEADER + "' once, not " + values.size() + " times");
    }
    return Optional.of(new IdempotencyKey(checked(values.getFirst())));
  }

  static String checked(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw invalid("Header '" + HEADER + "' must have 1 to " + MAX_LENGTH + " characters, not " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      // Visible ASCII only: no spaces, controls or non-ASCII (a UUID or any token of letters and digits fits).
      if (c < '!' || c > '~') {
        throw invalid("Header '" + HEADER + "' may hold only visible ASCII characters (! to ~); character "
            + (i + 1) + " is U+" + String.format("%04X", (int) c));
      }
    }
    return key;
  }

  private static ApiException invalid(String message) {
    return new ApiException(400, "invalid_idempotency_key", message, HEADER, Map.of());
  }
}
