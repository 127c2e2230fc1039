package dev.loadbearing.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny client on java.net.http with an optional API key; every call returns a {@link Response}. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final String baseUrl;
  private final String apiKey;

  public Http(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A client without an API key for a service at {@code baseUrl} (not the shared {@link TestService}). */
  public static Http to(String baseUrl) {
    return new Http(baseUrl, null);
  }

  /** The API key this client sends, or null. */
  public String apiKey() {
    return apiKey;
  }

  public Http withKey(String key) {
    return new Http(baseUrl, key);
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST with an {@code Idempotency-Key} header. */
  public Response post(String path, String json, String idempotencyKey) {
    return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response patch(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postBytes(String path, String contentType, byte[] body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> reply = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(reply.statusCode(), reply.body(), reply.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
    return apiKey == null ? builder : builder.header("X-Api-Key", apiKey);
  }
}
