package dev.loadbearing.suite.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.stats.LlmUsage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmSpendTest {
  private static byte[] answer(String provider, int prompt, int completion, double cost, String attempts) {
    return ("{\"provider\":\"" + provider + "\",\"reply\":\"hi\",\"promptTokens\":" + prompt
        + ",\"completionTokens\":" + completion + ",\"costUsd\":" + cost + ",\"latencyMs\":20,\"attempts\":["
        + attempts + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private static String attempt(String provider, String outcome) {
    return "{\"provider\":\"" + provider + "\",\"outcome\":\"" + outcome + "\",\"latencyMs\":5}";
  }

  @AfterEach
  void forget() {
    LlmSpend.reset();
  }

  @Test
  void countsTokensCostFallbacksAnd503sPerJourneyAndPerProvider() {
    LlmSpend.record("assistant", 200, answer("swift-llm", 10, 40, 0.00075, attempt("swift-llm", "ok")));
    LlmSpend.record("assistant", 200, answer("steady-llm", 10, 40, 0.0003,
        attempt("swift-llm", "timeout") + "," + attempt("steady-llm", "ok")));
    LlmSpend.record("assistant", 503, "{\"error\":\"providers_exhausted\"}".getBytes(StandardCharsets.UTF_8));
    LlmSpend.record("smoke", 200, answer("backup-llm", 5, 20, 0.00005, attempt("swift-llm", "rate_limited")
        + "," + attempt("steady-llm", "timeout") + "," + attempt("backup-llm", "ok")));

    LlmUsage usage = LlmSpend.usage().orElseThrow();
    assertThat(usage.journeys().get("assistant"))
        .isEqualTo(new LlmUsage.Chats(3, 2, 1, 1, 20, 80, 0.00105));
    assertThat(usage.journeys().get("smoke")).isEqualTo(new LlmUsage.Chats(1, 1, 0, 1, 5, 20, 0.00005));
    assertThat(usage.total().chats()).isEqualTo(4);
    assertThat(usage.total().costUsd()).isCloseTo(0.0011, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(usage.providers().get("swift-llm")).isEqualTo(new LlmUsage.Provider(3, 1, 1, 1, 10, 40, 0.00075));
    assertThat(usage.providers().get("backup-llm")).isEqualTo(new LlmUsage.Provider(1, 1, 0, 0, 5, 20, 0.00005));
    assertThat(usage.total().troubledShare()).isEqualTo(0.75);
    assertThat(usage.virtualUserHours()).isNull();
  }

  @Test
  void anUnreadableAnswerIsAChatButNotAnAnswerAndOtherStatusesAreNeither() {
    LlmSpend.record("assistant", 200, "<html>".getBytes(StandardCharsets.UTF_8));
    LlmSpend.record("assistant", 429, new byte[0]);
    assertThat(LlmSpend.usage().orElseThrow().total()).isEqualTo(new LlmUsage.Chats(2, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void nothingIsReportedWithoutChatsAndResetForgetsTheLastRun() {
    assertThat(LlmSpend.usage()).isEmpty();
    LlmSpend.record("assistant", 200, answer("swift-llm", 1, 1, 0.00003, attempt("swift-llm", "ok")));
    LlmSpend.reset();
    assertThat(LlmSpend.usage()).isEmpty();
  }
}
