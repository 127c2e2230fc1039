package dev.loadbearing.service.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.http.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AssistantTest {
  private static final long TENANT = 1;
  private long now;
  private final List<Long> sleeps = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Spread 0 makes each latency exactly its median, so outcomes do not depend on chance. */
  private Assistant assistant(List<ProviderSpec> specs, RandomGenerator random) {
    return new Assistant(specs, 1.0, 1.0, 100, () -> now, () -> random, sleeps::add, meters);
  }

  private Assistant assistant(ProviderSpec... specs) {
    return assistant(List.of(specs), new SplittableRandom(1));
  }

  private static ProviderSpec provider(String name, double medianMs, long timeoutMs, int perMinute) {
    return new ProviderSpec(name, medianMs, 0, timeoutMs, perMinute, 0.01);
  }

  private static List<String> outcomes(Assistant.Answer answer) {
    return answer.attempts().stream().map(a -> a.provider() + ":" + a.outcome()).toList();
  }

  @Test
  void firstProviderAnswersWhenWithinLimitAndTimeout() throws Exception {
    Assistant.Answer answer = assistant(provider("a", 10, 50, 10), provider("b", 10, 50, 10))
        .chat(TENANT, "hello there");
    assertThat(answer.provider()).isEqualTo("a");
    assertThat(outcomes(answer)).containsExactly("a:ok");
    assertThat(answer.latencyMs()).isEqualTo(10);
    assertThat(sleeps).containsExactly(10L);
  }

  @Test
  void fallsBackToTheSecondProviderWhenTheFirstIsOverItsLimit() throws Exception {
    Assistant assistant = assistant(provider("a", 10, 50, 1), provider("b", 20, 50, 10));
    assistant.chat(TENANT, "first");
    Assistant.Answer second = assistant.chat(TENANT, "second");
    assertThat(second.provider()).isEqualTo("b");
    assertThat(outcomes(second)).containsExactly("a:rate_limited", "b:ok");
    assertThat(meters.get("assistant_calls").tag("provider", "a").tag("outcome", "rate_limited").counter().count())
        .isEqualTo(1);
  }

  @Test
  void everyCallFailedByTheLiveFaultEndsIn503WithRetryAfterAndNoWait() {
    Assistant failing = new Assistant(List.of(provider("a", 10, 50, 10), provider("b", 10, 50, 10)), 1.0,
        1.0, 100, () -> now, () -> new SplittableRandom(1), sleeps::add, meters, () -> 1.0);
    assertThatThrownBy(() -> failing.chat(1, "hi")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.getMessage()).contains("a error", "b error");
      assertThat(e.headers()).containsEntry("Retry-After", "1");
    });
    assertThat(sleeps).isEmpty();
    assertThat(meters.get("assistant_calls").tag("provider", "b").tag("outcome", "error").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aShareOfFailedCallsFallsBackToTheNextProviderAndZeroStopsThem() throws Exception {
    double[] share = {0.5};
    SplittableRandom random = new SplittableRandom(7);
    Assistant halfFailing = new Assistant(List.of(provider("a", 10, 50, 1_000), provider("b", 10, 50, 1_000)), 1.0,
        1.0, 100, () -> now, () -> random, sleeps::add, meters, () -> share[0]);
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      try {
        answers.add(String.join(",", outcomes(halfFailing.chat(1, "hi"))));
      } catch (ApiException allFailed) {
        answers.add("503");
      }
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).isIn("a:ok", "a:error,b:ok", "503"));
    // Half of the first calls fail, a quarter of the chats find both failing: wide bounds, 200 draws.
    assertThat(answers.stream().filter(a -> !a.equals("a:ok")).count()).isBetween(70L, 130L);
    assertThat(answers.stream().filter(a -> a.equals("503")).count()).isBetween(25L, 75L);
    share[0] = 0;
    assertThat(outcomes(halfFailing.chat(1, "after"))).containsExactly("a:ok");
  }

  @Test
  void fallsBackWhenTheFirstProviderTimesOut() throws Exception {
    Assistant.Answer answer = assistant(provider("slow", 100, 30, 10), provider("b", 20, 50, 10))
        .chat(TENANT, "hi");
    assertThat(outcomes(answer)).containsExactly("slow:timeout", "b:ok");
    assertThat(answer.latencyMs()).as("the timeout was waited, then b's latency").isEqualTo(50);
  }

  @Test
  void answersWithProvidersExhaustedAndRetryAfterWhenAllAreOverTheirLimits() throws Exception {
    Assistant assistant = assistant(provider("a", 10, 50, 1), provider("b", 10, 50, 1));
    assistant.chat(TENANT, "one");
    assistant.chat(TENANT, "two");
    now += TimeUnit.SECONDS.toNanos(15);
    assertThatThrownBy(() -> assistant.chat(TENANT, "three"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.code()).isEqualTo("providers_exhausted");
          assertThat(e.headers()).containsEntry("Retry-After", "45");
        });
  }

  @Test
  void answersAgainOnceTheMinuteWindowHasPassed() throws Exception {
    Assistant assistant = assistant(provider("a", 10, 50, 1));
    assistant.chat(TENANT, "one");
    now += TimeUnit.SECONDS.toNanos(60);
    assertThat(assistant.chat(TENANT, "two").provider()).isEqualTo("a");
  }

  @Test
  void timeoutsEverywhereAreExhaustedWithRetryAfterOneSecond() {
    Assistant assistant = assistant(provider("a", 100, 10, 5), provider("b", 100, 10, 5));
    assertThatThrownBy(() -> assistant.chat(TENANT, "slow"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.headers()).containsEntry("Retry-After", "1"));
  }

  @Test
  void sameSeedGivesTheSameFallbacks() throws Exception {
    List<ProviderSpec> erratic = List.of(new ProviderSpec("x", 20, 1.5, 25, 1000, 0.01),
        new ProviderSpec("y", 20, 0, 100, 1000, 0.01));
    Assistant first = assistant(erratic, new SplittableRandom(42));
    Assistant second = assistant(erratic, new SplittableRandom(42));
    for (int i = 0; i < 20; i++) {
      assertThat(outcomes(first.chat(TENANT, "q"))).isEqualTo(outcomes(second.chat(TENANT, "q")));
    }
  }

  @Test
  void countsTokensAndPricesThem() throws Exception {
    Assistant.Answer answer = assistant(provider("a", 10, 50, 10)).chat(TENANT, "12345678");
    assertThat(answer.promptTokens()).isEqualTo(2);
    assertThat(answer.completionTokens()).isPositive();
    assertThat(answer.costUsd()).isEqualTo((answer.promptTokens() + answer.completionTokens()) * 0.01 / 1000,
        org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void latencyScaleZeroNeverSleeps() throws Exception {
    Assistant instant = new Assistant(List.of(provider("a", 10, 50, 10)), 0, 1.0, 100, () -> now,
        SplittableRandom::new, sleeps::add, meters);
    assertThat(instant.chat(TENANT, "hi").latencyMs()).isZero();
    assertThat(sleeps).isEmpty();
  }
}
