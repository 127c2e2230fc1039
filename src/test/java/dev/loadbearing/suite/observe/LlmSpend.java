package dev.loadbearing.suite.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.stats.LlmUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The assistant chats' tokens, cost, providers, fallbacks and 503s, read from each response (docs/API.md) and
 * counted per journey and per provider, for stats.json's {@code llm} section. Counting is a map lookup and a
 * few adders per response: no lock, and no allocation once a journey and a provider have been seen.
 */
public final class LlmSpend {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ChatTally> JOURNEYS = new ConcurrentHashMap<>();
  private static final Map<String, ProviderTally> PROVIDERS = new ConcurrentHashMap<>();

  private LlmSpend() {
  }

  /** Forgets the previous run; called with the other per-run state. */
  public static void reset() {
    JOURNEYS.clear();
    PROVIDERS.clear();
  }

  /** One chat response of {@code journey}: any status counts as a chat; a 200's body is read for the spend. */
  public static void record(String journey, int status, byte[] body) {
    ChatTally chats = tally(JOURNEYS, journey, k -> new ChatTally());
    chats.chats.increment();
    if (status == 503) {
      chats.unavailable.increment();
    }
    if (status != 200) {
      return;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      // The chat's own checks fail such a response; the spend just does not count it as answered.
      return;
    }
    long prompt = answer.path("promptTokens").asLong();
    long completion = answer.path("completionTokens").asLong();
    double cost = answer.path("costUsd").asDouble();
    chats.answered.increment();
    chats.spend(prompt, completion, cost);
    boolean fellBack = false;
    for (JsonNode attempt : answer.path("attempts")) {
      ProviderTally provider = tally(PROVIDERS, attempt.path("provider").asText("?"), k -> new ProviderTally());
      provider.attempts.increment();
      switch (attempt.path("outcome").asText()) {
        case "ok" -> {
          provider.answered.increment();
          provider.spend(prompt, completion, cost);
        }
        // over_share: the provider refused this tenant (its share of the quota), a rate limit too.
        case "rate_limited", "over_share" -> {
          provider.rateLimited.increment();
          fellBack = true;
        }
        default -> {
          provider.timedOut.increment();
          fellBack = true;
        }
      }
    }
    if (fellBack) {
      chats.fallbacks.increment();
    }
  }

  /** What was counted since the last reset; empty when no chat was sent. */
  public static Optional<LlmUsage> usage() {
    if (JOURNEYS.isEmpty()) {
      return Optional.empty();
    }
    Map<String, LlmUsage.Chats> journeys = new TreeMap<>();
    JOURNEYS.forEach((name, tally) -> journeys.put(name, tally.snapshot()));
    Map<String, LlmUsage.Provider> providers = new TreeMap<>();
    PROVIDERS.forEach((name, tally) -> providers.put(name, tally.snapshot()));
    LlmUsage.Chats total = journeys.values().stream().reduce(LlmUsage.Chats.NONE, LlmUsage.Chats::plus);
    return Optional.of(new LlmUsage(total, journeys, providers, null, null));
  }

  // get() first: computeIfAbsent on ConcurrentHashMap may lock the bin even when the key is present.
  private static <T> T tally(Map<String, T> tallies, String key, Function<String, T> create) {
    T tally = tallies.get(key);
    return tally != null ? tally : tallies.computeIfAbsent(key, create);
  }

  /** The shape both LlmUsage records share: four counts, then the tokens and the cost. */
  @FunctionalInterface
  private interface Snapshot<T> {
    T of(long first, long second, long third, long fourth, long promptTokens, long completionTokens, double costUsd);
  }

  /**
   * Four counts and the spend, read into their record in one place. A subclass declares its counters with
   * {@link #counter()} in the order of its record's components: field initializers run in declaration order.
   */
  private abstract static class Tally<T> {
    private final List<LongAdder> counts = new ArrayList<>(4);
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final DoubleAdder costUsd = new DoubleAdder();
    private final Snapshot<T> shape;

    Tally(Snapshot<T> shape) {
      this.shape = shape;
    }

    final LongAdder counter() {
      LongAdder counter = new LongAdder();
      counts.add(counter);
      return counter;
    }

    void spend(long prompt, long completion, double cost) {
      promptTokens.add(prompt);
      completionTokens.add(completion);
      costUsd.add(cost);
    }

    T snapshot() {
      return shape.of(counts.get(0).sum(), counts.get(1).sum(), counts.get(2).sum(), counts.get(3).sum(),
          promptTokens.sum(), completionTokens.sum(), costUsd.sum());
    }
  }

  private static final class ChatTally extends Tally<LlmUsage.Chats> {
    final LongAdder chats = counter();
    final LongAdder answered = counter();
    final LongAdder unavailable = counter();
    final LongAdder fallbacks = counter();

    ChatTally() {
      super(LlmUsage.Chats::new);
    }
  }

  private static final class ProviderTally extends Tally<LlmUsage.Provider> {
    final LongAdder attempts = counter();
    final LongAdder answered = counter();
    final LongAdder rateLimited = counter();
    final LongAdder timedOut = counter();

    ProviderTally() {
      super(LlmUsage.Provider::new);
    }
  }
}
