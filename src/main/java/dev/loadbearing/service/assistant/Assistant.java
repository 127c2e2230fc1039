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
 * Simulated LLM providers tried in order: one over its per-minute quota or its timeout is skipped for the
 * next, and so is one whose share for the calling tenant ({@link TenantShares}) is used up, or one failed on
 * purpose by a live fault. Clock, randomness and waiting are injected so tests can replay a fallback exactly.
 */
public final class Assistant {
  static final String OK = "ok";
  static final String RATE_LIMITED = "rate_limited";
  static final String TIMEOUT = "timeout";
  static final String OVER_SHARE = "over_share";
  /** A call failed by a live fault ({@code fault provider-error-share}), as a provider answering 5xx would. */
  static final String ERROR = "error";

  private final List<Provider> providers = new ArrayList<>();
  private final TenantShares shares;
  private final double tenantShare;
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

  /** {@code tenantShare}: the fraction of each provider's quota one tenant may use (1 = all of it). */
  public Assistant(List<ProviderSpec> specs, double latencyScale, double tenantShare, long maxTenants,
                   LongSupplier nanoClock, Supplier<RandomGenerator> random, Sleeper sleeper, MeterRegistry meters) {
    this(specs, latencyScale, tenantShare, maxTenants, nanoClock, random, sleeper, meters, () -> 0);
  }

  /** {@code errorShare}: the share (0 to 1) of provider calls to fail on purpose, read at each call. */
  public Assistant(List<ProviderSpec> specs, double latencyScale, double tenantShare, long maxTenants,
                   LongSupplier nanoClock, Supplier<RandomGenerator> random, Sleeper sleeper, MeterRegistry meters,
                   DoubleSupplier errorShare) {
    this.errorShare = errorShare;
    this.shares = new TenantShares(specs, tenantShare, maxTenants, nanoClock, meters);
    this.tenantShare = tenantShare;
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
  public static Assistant simulated(double latencyScale, double tenantShare, long maxTenants, MeterRegistry meters,
                                    DoubleSupplier errorShare) {
    return new Assistant(ProviderSpec.defaults(), latencyScale, tenantShare, maxTenants, System::nanoTime,
        ThreadLocalRandom::current, Thread::sleep, meters, errorShare);
  }

  /** An answer for {@code tenant}, from the first provider within its quota, the tenant's share and its timeout. */
  public Answer chat(long tenant, String message) throws InterruptedException {
    List<Attempt> attempts = new ArrayList<>(providers.size());
    long waitedMs = 0;
    long retryAfter = Long.MAX_VALUE;
    long shareRetryAfter = Long.MAX_VALUE;
    for (int i = 0; i < providers.size(); i++) {
      Provider provider = providers.get(i);
      ProviderSpec spec = provider.spec;
      long now = nanoClock.getAsLong();
      if (!provider.window.tryAcquire(now)) {
        attempts.add(provider.record(RATE_LIMITED, 0));
        retryAfter = Math.min(retryAfter, provider.window.secondsUntilReset(now));
        continue;
      }
      MinuteWindow share = shares.of(tenant, i);
      if (!share.tryAcquire(now)) {
        // Refused for this tenant only: the request it took from the provider stays for the others.
        provider.window.refund(now);
        attempts.add(provider.record(OVER_SHARE, 0));
        shareRetryAfter = Math.min(shareRetryAfter, share.secondsUntilReset(now));
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
    throw unanswered(attempts, retryAfter, shareRetryAfter);
  }

  /**
   * 429 when the tenant's own share kept it from a provider (the others may still be answered: it is this
   * tenant that has to wait), else 503 as every provider is busy or slow for everyone.
   */
  private ApiException unanswered(List<Attempt> attempts, long retryAfter, long shareRetryAfter) {
    StringBuilder tried = new StringBuilder();
    for (Attempt attempt : attempts) {
      tried.append(tried.length() == 0 ? "" : ", ").append(attempt.provider()).append(' ').append(attempt.outcome());
    }
    if (shareRetryAfter != Long.MAX_VALUE) {
      long wait = Math.min(retryAfter, shareRetryAfter);
      return new ApiException(429, "assistant_share_exceeded", "This tenant used its share ("
          + Math.round(tenantShare * 100) + " %) of the assistant providers' per-minute quotas (" + tried
          + "); retry after " + wait + " s", null, Map.of("Retry-After", Long.toString(wait)));
    }
    return new ApiException(503, "providers_exhausted", "Every assistant provider is over its limit, timed out or"
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
      for (String outcome : List.of(OK, RATE_LIMITED, TIMEOUT, OVER_SHARE, ERROR)) {
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
