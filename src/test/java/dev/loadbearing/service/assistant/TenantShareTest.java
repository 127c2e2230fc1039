package dev.loadbearing.service.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.http.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One tenant's share of each provider's quota, on an injected clock (see AssistantTest). */
class TenantShareTest {
  private static final long GREEDY = 1;
  private static final long OTHER = 2;

  private long now;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Two providers of 8 and 4 requests a minute, a quarter each per tenant: 2 and 1. */
  private Assistant assistant() {
    return new Assistant(List.of(provider("a", 8), provider("b", 4)), 0, 0.25, 100, () -> now,
        () -> new SplittableRandom(1), millis -> { }, meters);
  }

  private static ProviderSpec provider(String name, int perMinute) {
    return new ProviderSpec(name, 10, 0, 50, perMinute, 0.01);
  }

  private static List<String> outcomes(Assistant.Answer answer) {
    return answer.attempts().stream().map(a -> a.provider() + ":" + a.outcome()).toList();
  }

  @Test
  void aTenantOverItsShareFallsBackThenGets429WithRetryAfterWhileOthersAreAnswered() throws Exception {
    Assistant assistant = assistant();
    assertThat(assistant.chat(GREEDY, "1").provider()).isEqualTo("a");
    assertThat(assistant.chat(GREEDY, "2").provider()).isEqualTo("a");
    assertThat(outcomes(assistant.chat(GREEDY, "3"))).containsExactly("a:over_share", "b:ok");
    now += TimeUnit.SECONDS.toNanos(20);
    assertThatThrownBy(() -> assistant.chat(GREEDY, "4")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.code()).isEqualTo("assistant_share_exceeded");
      assertThat(e.headers()).containsEntry("Retry-After", "40");
    });
    assertThat(outcomes(assistant.chat(OTHER, "mine"))).as("a has 6 of 8 left for the others")
        .containsExactly("a:ok");
    assertThat(meters.get("assistant_calls").tag("provider", "a").tag("outcome", "over_share").counter().count())
        .isEqualTo(2);
  }

  @Test
  void theShareComesBackWithTheNextMinute() throws Exception {
    Assistant assistant = assistant();
    for (int i = 0; i < 3; i++) {
      assistant.chat(GREEDY, "q");
    }
    now += TimeUnit.SECONDS.toNanos(60);
    assertThat(outcomes(assistant.chat(GREEDY, "again"))).containsExactly("a:ok");
  }

  @Test
  void manyTenantsTogetherStillUseTheWholeQuotaAndNoMore() throws Exception {
    Assistant assistant = assistant();
    int answered = 0;
    for (long tenant = 10; tenant < 30; tenant++) {
      try {
        assistant.chat(tenant, "q");
        answered++;
      } catch (ApiException providersBusy) {
        assertThat(providersBusy.status()).isEqualTo(503);
      }
    }
    assertThat(answered).as("8 + 4 a minute in all").isEqualTo(12);
  }

  @Test
  void aRequestRefusedForTheTenantLeavesTheProvidersQuotaToTheOthers() throws Exception {
    Assistant assistant = assistant();
    for (int i = 0; i < 6; i++) {
      try {
        assistant.chat(GREEDY, "more");
      } catch (ApiException overShare) {
        assertThat(overShare.status()).isEqualTo(429);
      }
    }
    List<String> others = new ArrayList<>();
    for (long tenant = 10; tenant < 16; tenant++) {
      others.addAll(outcomes(assistant.chat(tenant, "q")));
    }
    assertThat(others).as("GREEDY took 2 of a's 8; its refused tries took none").containsOnly("a:ok");
  }
}
