package dev.loadbearing.service.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import org.junit.jupiter.api.Test;

class AssistantApiIT {
  private final Http shop = TestService.newTenant();

  @Test
  void answersWithProviderTokensCostAndAttempts() {
    Response reply = shop.post("/api/assistant/chat", "{\"message\":\"Which garden products sell best?\"}");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("provider").asText()).isIn("swift-llm", "steady-llm", "backup-llm");
    assertThat(body.get("reply").asText()).isNotBlank();
    assertThat(body.get("promptTokens").asInt()).isPositive();
    assertThat(body.get("completionTokens").asInt()).isPositive();
    assertThat(body.get("costUsd").asDouble()).isPositive();
    assertThat(body.get("latencyMs").asLong()).isNotNegative();
    JsonNode attempts = body.get("attempts");
    assertThat(attempts).isNotEmpty();
    assertThat(attempts.get(attempts.size() - 1).get("outcome").asText()).isEqualTo("ok");
  }

  @Test
  void refusesAMissingOrEmptyMessage() {
    assertThat(shop.post("/api/assistant/chat", "{}").errorField()).isEqualTo("message");
    assertThat(shop.post("/api/assistant/chat", "{\"message\":\"  \"}").errorField()).isEqualTo("message");
    assertThat(shop.post("/api/assistant/chat", "{\"message\":42}").errorField()).isEqualTo("message");
  }

  @Test
  void countsCallsInMetrics() {
    shop.post("/api/assistant/chat", "{\"message\":\"hello\"}");
    assertThat(TestService.anonymous().get("/metrics").body()).contains("assistant_calls_total{outcome=\"ok\"");
  }
}
