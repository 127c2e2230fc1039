package dev.loadbearing.service.assistant;

import dev.loadbearing.service.http.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Simulated LLM providers tried in order: one over its per-minute quota or its timeout (or failed on purpose by a
 * live fault) is skipped for the next. Clock, randomness and waiting are injected so tests can replay a fallback
 * exactly.
 */
public final class Assistant {
  static final String OK = "ok";
  static final String RATE_LIMITED = "rate_limited";
  static final String TIMEOUT = "timeout";
  /** A call failed by a live fault ({@code fault provider-error-share}), as a provider answering 5xx would. */
  static final String ERROR = "error";

  private final List<Provider> providers = new ArrayList<>();
  private final double latencyScale;
  private final LongSupplier nanoClock;
  private final Supplier<RandomGenerator> random;
  private final Sleeper sleeper;
  private final DoubleSupplier errorShare;

  /** How the simulated latency is spent; the service really sleeps, tests do not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  public record Attempt(String provider, String outcome, long latencyMs) {
  }

  public record Answer(String provider, String reply, int promptTokens, int completionTokens, double costUsd,
                       long latencyMs, List<Attempt> attempts) {
  }

  public Assistant(List<ProviderSpec> specs, double latencyScale, LongSupplier nanoClock,
                   Supplier<RandomGenerator> random, Sleeper sleeper, MeterRegistry meters) {
    this(specs, latencyScale, nanoClock, random, sleeper, meters, () -> 0);
  }

  /** {@code errorShare}: the share (0 to 1) of provider calls to fail on purpose, read at each call. */
  public Assistant(List<ProviderSpec> specs, double latencyScale, LongSupplier nanoClock,
                   Supplier<RandomGenerator> random, Sleeper sleeper, MeterRegistry meters, DoubleSupplier errorShare) {
    this.errorShare = errorShare;
    this.latencyScale = latencyScale;
    this.nanoClock = nanoClock;
    this.random = random;
    this.sleeper = sleeper;
    long now = nanoClock.getAsLong();
    for (ProviderSpec spec : specs) {
      providers.add(new Provider(spec, new MinuteWindow(spec.requestsPerMinute(), now), meters));
    }
  }

  /**
   * The service's setup. The simulated wait sleeps on the Undertow worker thread: simple, and acceptable
   * because the latencies are tens of milliseconds and scale down with {@code assistant.latency-scale}.
   */
  public static Assistant simulated(double latencyScale, MeterRegistry meters, DoubleSupplier errorShare) {
    return new Assistant(ProviderSpec.defaults(), latencyScale, System::nanoTime, ThreadLocalRandom::current,
        Thread::sleep, meters, errorShare);
  }

  public Answer chat(String message) throws InterruptedException {
    List<Attempt> attempts = new ArrayList<>(providers.size());
    long waitedMs = 0;
    long retryAfter = Long.MAX_VALUE;
    for (Provider provider : providers) {
      ProviderSpec spec = provider.spec;
      long now = nanoClock.getAsLong();
      if (!provider.window.tryAcquire(now)) {
        attempts.add(provider.record(RATE_LIMITED, 0));
        retryAfter = Math.min(retryAfter, provider.window.secondsUntilReset(now));
        continue;
      }
      if (injectedError()) {
        attempts.add(provider.record(ERROR, 0));
        retryAfter = Math.min(retryAfter, 1);
        continue;
      }
      double simulatedMs = spec.medianMs() * Math.exp(spec.spread() * random.get().nextGaussian());
      boolean timedOut = simulatedMs > spec.timeoutMs();
      long spentMs = wait(timedOut ? spec.timeoutMs() : simulatedMs);
      waitedMs += spentMs;
      if (timedOut) {
        attempts.add(provider.record(TIMEOUT, spentMs));
        retryAfter = 1;
        continue;
      }
      attempts.add(provider.record(OK, spentMs));
      return answer(spec, message, waitedMs, attempts);
    }
    StringBuilder tried = new StringBuilder();
    for (Attempt attempt : attempts) {
      tried.append(tried.length() == 0 ? "" : ", ").append(attempt.provider()).append(' ').append(attempt.outcome());
    }
    throw new ApiException(503, "providers_exhausted", "Every assistant provider is over its limit, timed out or"
        + " failed (" + tried + "); retry after " + retryAfter + " s", null,
        Map.of("Retry-After", Long.toString(retryAfter)));
  }

  private boolean injectedError() {
    double share = errorShare.getAsDouble();
    return share > 0 && random.get().nextDouble() < share;
  }

  private long wait(double simulatedMs) throws InterruptedException {
    long millis = Math.round(simulatedMs * latencyScale);
    if (millis > 0) {
      sleeper.sleep(millis);
    }
    return millis;
  }

  private static Answer answer(ProviderSpec spec, String message, long latencyMs, List<Attempt> attempts) {
    int promptTokens = Tokens.count(message);
    String reply = "(" + spec.name() + ") Your " + promptTokens + "-token question starts with \""
        + message.strip().substring(0, Math.min(40, message.strip().length()))
        + "\". A simulated answer: check the stock report, then restock the categories that sell fastest.";
    int completionTokens = Tokens.count(reply);
    double cost = Math.round((promptTokens + completionTokens) * spec.usdPer1kTokens() / 1000 * 1e6) / 1e6;
    return new Answer(spec.name(), reply, promptTokens, completionTokens, cost, latencyMs, attempts);
  }

  /** A provider with its quota window and one counter per outcome, registered once. */
  private static final class Provider {
    final ProviderSpec spec;
    final MinuteWindow window;
    final Map<String, Counter> calls = new HashMap<>();

    Provider(ProviderSpec spec, MinuteWindow window, MeterRegistry meters) {
      this.spec = spec;
      this.window = window;
      for (String outcome : List.of(OK, RATE_LIMITED, TIMEOUT, ERROR)) {
        calls.put(outcome, Counter.builder("assistant_calls").description("Simulated LLM calls by provider and outcome")
            .tag("provider", spec.name()).tag("outcome", outcome).register(meters));
      }
    }

    Attempt record(String outcome, long latencyMs) {
      calls.get(outcome).increment();
      return new Attempt(spec.name(), outcome, latencyMs);
    }
  }
}
