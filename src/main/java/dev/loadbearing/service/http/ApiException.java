package dev.loadbearing.service.http;

import java.util.Map;

/**
 * A request the service refuses, with the status, a stable machine-readable code, a message that says how
 * to fix it, and the field at fault when there is one. {@link ErrorMapping} turns it into the JSON error.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Map<String, String> headers;

  public ApiException(int status, String code, String message, String field, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, null, Map.of());
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "invalid_field", message, field, Map.of());
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " was not found");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The offending field as a JSON path such as {@code items[0].quantity}, or null. */
  public String field() {
    return field;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
