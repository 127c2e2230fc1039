package dev.loadbearing.service.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** A reply as tests look at it: status, body, headers, and the parts of the JSON error shape. */
public record Response(int status, String body, HttpHeaders headers) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Not JSON (" + status + "): " + body, e);
    }
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public String errorCode() {
    return json().path("error").path("code").asText(null);
  }

  public String errorField() {
    return json().path("error").path("field").asText(null);
  }

  public String errorMessage() {
    return json().path("error").path("message").asText(null);
  }

  public long id() {
    return json().get("id").asLong();
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
