package dev.loadbearing.service.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls to a running service, each returned as an {@link Answer} with its timing; a call that fails or times
 * out is an answer too (status -1), so a test can count hangs instead of dying on the first one. Shared with the
 * Chaos fault tests ({@code ServiceFaultsIT}).
 */
public final class Calls {
  /** Far above every bound the service promises: a call this slow is a hang. */
  public static final Duration HANG = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String apiKey;

  public Calls(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** One call as the client saw it: when it started and ended ({@link System#nanoTime}), what came back. */
  public record Answer(String route, long startedAt, long endedAt, int status, String retryAfter, String code,
                String body) {
    public long millis() {
      return (endedAt - startedAt) / 1_000_000;
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + this, e);
      }
    }

    public long id() {
      return json().get("id").asLong();
    }

    @Override
    public String toString() {
      return route + " → " + status + (code == null ? "" : " " + code) + " in " + millis() + " ms"
          + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + (ok() ? "" : ": " + body);
    }
  }

  public Answer get(String path) {
    return send("GET " + path.replaceAll("/\\d+", "/{id}").replaceAll("\\?.*", ""), request(path).GET());
  }

  public Answer post(String route, String path, String json) {
    return send(route, request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer patch(String route, String path, String json) {
    return send(route, request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(HANG);
    return apiKey == null ? builder : builder.header("X-Api-Key", apiKey);
  }

  private static Answer send(String route, HttpRequest.Builder request) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> reply = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String code = null;
      if (reply.statusCode() >= 400) {
        JsonNode error = JSON.readTree(reply.body()).path("error");
        code = error.path("code").asText(null);
      }
      return new Answer(route, started, System.nanoTime(), reply.statusCode(),
          reply.headers().firstValue("Retry-After").orElse(null), code, reply.body());
    } catch (IOException e) {
      return new Answer(route, started, System.nanoTime(), -1, null, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(route, started, System.nanoTime(), -1, null, null, "interrupted");
    }
  }
}
