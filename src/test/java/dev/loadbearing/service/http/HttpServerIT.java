package dev.loadbearing.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.faults.Faults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read timeout is about clients that stop sending, not about handlers that take their time: a request
 * whose handler works three times longer than the read timeout is still answered, on each kind of route.
 */
class HttpServerIT {
  private static final int READ_TIMEOUT_MS = 500;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static HttpServer server;

  @BeforeAll
  static void start() {
    ApiHandler slow = exchange -> {
      JsonNode body = exchange.getRequestMethod().toString().equals("GET") ? null
          : Json.read(exchange, JsonNode.class);
      Thread.sleep(3L * READ_TIMEOUT_MS);
      return Reply.ok(Map.of("echo", body == null ? "none" : body.toString()));
    };
    HttpLimits limits = new HttpLimits(READ_TIMEOUT_MS, READ_TIMEOUT_MS, READ_TIMEOUT_MS, READ_TIMEOUT_MS,
        READ_TIMEOUT_MS, 100, 4);
    ApiRouter router = new ApiRouter(new SimpleMeterRegistry(), Faults.NONE, limits)
        .get("/slow", slow)
        .post("/slow", slow)
        .postStreamed("/slow-streamed", 1024 * 1024, slow);
    server = HttpServer.start("127.0.0.1", 0, router.handler(), limits, new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aHandlerSlowerThanTheReadTimeoutIsStillAnswered() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri("/slow")).GET())).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/slow")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")))).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(uri("/slow-streamed")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":2}")))).isEqualTo(200);
  }

  private static int send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
