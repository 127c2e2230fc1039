package dev.loadbearing.service.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The property every answer must have: it came within the deadline; it is not a 5xx (except a 503 with
 * Retry-After, the documented answer to a database condition); every 4xx carries the JSON error shape
 * {@code {"error":{"code":…,"message":…[,"field":…]}}}. A request target that is not a URI (a malformed
 * %-escape) gets Undertow's bare 400, the one answer no route can shape.
 */
final class Verdict {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ERROR_FIELDS = Set.of("code", "message", "field");

  private Verdict() {
  }

  /** Null when the answer keeps the promise, else what is wrong with it. */
  static String judge(GeneratedRequest request, WireClient.Answer answer) {
    if (answer.status() == -1) {
      return "no answer within the deadline (a hang)";
    }
    if (answer.status() == 0) {
      return "the connection was closed without an answer";
    }
    if (request.malformedTarget()) {
      return answer.status() == 400 ? null : "a " + answer.status() + " to a request target that is not a URI";
    }
    if (answer.status() >= 500) {
      boolean documented = answer.status() == 503 && answer.headers().containsKey("retry-after");
      return documented ? null : "a " + answer.status() + " (a server error)";
    }
    if (answer.status() >= 400 && !request.method().equals("HEAD")) {
      return errorShapeProblem(answer);
    }
    return null;
  }

  private static String errorShapeProblem(WireClient.Answer answer) {
    String type = answer.headers().getOrDefault("content-type", "");
    if (!type.startsWith("application/json")) {
      return "a " + answer.status() + " with Content-Type '" + type + "', not application/json";
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(answer.body());
    } catch (IOException notJson) {
      return "a " + answer.status() + " whose body is not JSON";
    }
    JsonNode error = body == null ? null : body.get("error");
    if (error == null || body.size() != 1 || !error.isObject()) {
      return "a " + answer.status() + " whose body is not {\"error\":{...}}";
    }
    boolean known = true;
    for (String name : (Iterable<String>) error::fieldNames) {
      known &= ERROR_FIELDS.contains(name) && error.get(name).isTextual();
    }
    if (!known || !nonEmptyText(error, "code") || !nonEmptyText(error, "message")) {
      return "a " + answer.status() + " whose error is not {code, message[, field]} as text";
    }
    return null;
  }

  private static boolean nonEmptyText(JsonNode error, String name) {
    return error.path(name).isTextual() && !error.path(name).asText().isEmpty();
  }
}
