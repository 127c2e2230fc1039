package dev.loadbearing.service.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JSON in and out of exchanges, turning every unreadable body into a 400 that names the field when one is at fault. */
public final class Json {
  public static final String CONTENT_TYPE = "application/json";
  /** JSON tokens a body may hold unless its route says otherwise: far more than any small body needs. */
  public static final long DEFAULT_MAX_TOKENS = 10_000;
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // 2.5 is not a quantity: refuse it instead of silently truncating to 2.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  static {
    // "2" is not a quantity and 42 is not a name: wrong JSON types are refused, never coerced.
    MAPPER.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
  private static final Map<Long, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private Json() {
  }

  private record WarmUp(String name, int count) {
  }

  /**
   * Pays Jackson's one-time start-up (serializer factories, record introspection: ~300 ms on a cold JVM)
   * before the service reports ready, instead of on the first user's request.
   */
  public static void warmUp() {
    try {
      MAPPER.writeValueAsBytes(MAPPER.readValue("{\"name\":\"warm\",\"count\":1}", WarmUp.class));
      factory(DEFAULT_MAX_TOKENS);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Reads the request body as {@code type}, allowing {@link #DEFAULT_MAX_TOKENS} JSON tokens. */
  public static <T> T read(HttpServerExchange exchange, Class<T> type) {
    return read(exchange, type, DEFAULT_MAX_TOKENS);
  }

  /**
   * Reads the request body as {@code type}: the body {@link ApiRouter} read already, else the request stream
   * (the exchange must then be in blocking mode). The body must be declared {@code application/json} (415
   * otherwise). The parser stops at {@code maxTokens} JSON tokens (a 413), counted while it reads, so a huge
   * array of tiny items is refused before it becomes millions of objects.
   */
  public static <T> T read(HttpServerExchange exchange, Class<T> type, long maxTokens) {
    requireJson(exchange);
    byte[] buffered = exchange.getAttachment(BODY);
    try (InputStream body = buffered != null ? new ByteArrayInputStream(buffered) : exchange.getInputStream();
         JsonParser parser = factory(maxTokens).createParser(body)) {
      T value = MAPPER.readValue(parser, type);
      if (value == null) {
        throw new ApiException(400, "malformed_json", "The request body must be a JSON object, not null");
      }
      return value;
    } catch (IOException failure) {
      throw refusal(failure, maxTokens);
    }
  }

  /** The body {@link ApiRouter} read whole before the handler ran. */
  static void attachBody(HttpServerExchange exchange, byte[] body) {
    exchange.putAttachment(BODY, body);
  }

  private static JsonFactory factory(long maxTokens) {
    return FACTORIES.computeIfAbsent(maxTokens, max -> JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(max).build())
        .build());
  }

  private static void requireJson(HttpServerExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (header != null) {
      String[] parts = header.split(";", -1);
      boolean json = CONTENT_TYPE.equals(parts[0].strip().toLowerCase(Locale.ROOT));
      for (int i = 1; json && i < parts.length; i++) {
        String[] parameter = parts[i].split("=", 2);
        if ("charset".equals(parameter[0].strip().toLowerCase(Locale.ROOT))) {
          String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
          json = "utf-8".equalsIgnoreCase(charset) || "utf8".equalsIgnoreCase(charset);
        }
      }
      if (json) {
        return;
      }
    }
    String sent = header == null ? "no Content-Type" : "'" + abbreviate(header) + "'";
    throw new ApiException(415, "unsupported_media_type", "The body must be JSON sent with 'Content-Type: "
        + CONTENT_TYPE + "' (UTF-8), not " + sent);
  }

  /** What a body that could not be turned into {@code type} gets: 413, 408, or 400 naming the field at fault. */
  private static ApiException refusal(IOException failure, long maxTokens) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamConstraintsException limit) {
        if (String.valueOf(limit.getMessage()).contains("Token count")) {
          return new ApiException(413, "too_many_values", "The body holds more than the " + maxTokens
              + " JSON values (tokens) this route reads; send fewer items");
        }
        return new ApiException(400, "malformed_json", "The request body is beyond the JSON limits: "
            + firstLine(limit.getOriginalMessage()));
      }
      if (cause instanceof IOException io && !(cause instanceof JacksonException)) {
        // The transport failed (too large, timed out, a broken chunk), not the JSON.
        return ErrorMapping.unreadableBody(io);
      }
    }
    if (failure instanceof UnrecognizedPropertyException unknown) {
      return ApiException.badRequest(path(unknown), "Unknown field '" + unknown.getPropertyName()
          + "'; accepted fields are " + unknown.getKnownPropertyIds());
    }
    if (failure instanceof MismatchedInputException wrongType) {
      if (wrongType.getPath().isEmpty()) {
        return new ApiException(400, "malformed_json", "The request body must be a JSON object: "
            + firstLine(wrongType.getOriginalMessage()));
      }
      return ApiException.badRequest(path(wrongType), "Field '" + path(wrongType) + "' has the wrong type: expected "
          + simpleName(wrongType.getTargetType()));
    }
    if (failure instanceof JsonMappingException invalid) {
      if (invalid.getCause() instanceof JsonProcessingException broken) {
        // Jackson wraps syntax errors met inside a collection; they are still broken JSON, not a bad field.
        return new ApiException(400, "malformed_json", "The request body is not valid JSON: "
            + firstLine(broken.getOriginalMessage()));
      }
      return ApiException.badRequest(path(invalid), firstLine(invalid.getOriginalMessage()));
    }
    if (failure instanceof JsonProcessingException malformed) {
      return new ApiException(400, "malformed_json", "The request body is not valid JSON: "
          + firstLine(malformed.getOriginalMessage()));
    }
    return ErrorMapping.unreadableBody(failure);
  }

  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  public static void write(HttpServerExchange exchange, int status, Object body) throws JsonProcessingException {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(MAPPER.writeValueAsBytes(body)));
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String simpleName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return type == String.class ? "a string" : "an object";
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
