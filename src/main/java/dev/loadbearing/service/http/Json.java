package dev.loadbearing.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;

/** JSON in and out of exchanges, turning every unreadable body into a 400 that names the field when one is at fault. */
public final class Json {
  public static final String CONTENT_TYPE = "application/json";
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
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Reads the request body as {@code type}; the exchange must be in blocking mode. */
  public static <T> T read(HttpServerExchange exchange, Class<T> type) {
    try (InputStream body = exchange.getInputStream()) {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new ApiException(400, "malformed_json", "The request body must be a JSON object, not null");
      }
      return value;
    } catch (UnrecognizedPropertyException unknown) {
      throw ApiException.badRequest(path(unknown), "Unknown field '" + unknown.getPropertyName()
          + "'; accepted fields are " + unknown.getKnownPropertyIds());
    } catch (MismatchedInputException wrongType) {
      if (wrongType.getPath().isEmpty()) {
        throw new ApiException(400, "malformed_json", "The request body must be a JSON object: "
            + firstLine(wrongType.getOriginalMessage()));
      }
      throw ApiException.badRequest(path(wrongType), "Field '" + path(wrongType) + "' has the wrong type: expected "
          + simpleName(wrongType.getTargetType()));
    } catch (JsonMappingException invalid) {
      if (invalid.getCause() instanceof JsonProcessingException broken) {
        // Jackson wraps syntax errors met inside a collection; they are still broken JSON, not a bad field.
        throw new ApiException(400, "malformed_json", "The request body is not valid JSON: "
            + firstLine(broken.getOriginalMessage()));
      }
      throw ApiException.badRequest(path(invalid), firstLine(invalid.getOriginalMessage()));
    } catch (JsonProcessingException malformed) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON: "
          + firstLine(malformed.getOriginalMessage()));
    } catch (IOException unreadable) {
      throw new ApiException(400, "unreadable_body", "The request body could not be read: " + unreadable.getMessage());
    }
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
