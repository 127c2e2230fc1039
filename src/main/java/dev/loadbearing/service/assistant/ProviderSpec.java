package dev.loadbearing.service.assistant;

import java.util.List;

/**
 * One simulated LLM provider. Latency is lognormal: {@code medianMs * exp(spread * N(0,1))}, so a larger
 * spread means a longer tail; a spread of 0 makes the latency exactly the median (handy in tests).
 */
public record ProviderSpec(String name, double medianMs, double spread, long timeoutMs, int requestsPerMinute,
                           double usdPer1kTokens) {

  /** Fast but erratic and pricey, then steady, then a slow cheap fallback with a generous quota. */
  public static List<ProviderSpec> defaults() {
    return List.of(
        new ProviderSpec("swift-llm", 15, 0.9, 50, 600, 0.015),
        new ProviderSpec("steady-llm", 35, 0.3, 120, 1_200, 0.006),
        new ProviderSpec("backup-llm", 60, 0.5, 300, 3_000, 0.002));
  }
}
