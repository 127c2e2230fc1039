package dev.loadbearing.service.ratelimit;

import dev.loadbearing.service.http.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpServerExchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address for what a client can do without a tenant's key: over its budget, 429
 * with {@code Retry-After}. The address is the connection's peer: {@code X-Forwarded-For} is not trusted,
 * since any client can write it. Refusals are counted as {@code abuse_refused_total{limit}}.
 */
public final class AddressLimiter {
  private final Buckets<InetAddress> buckets;
  private final AbuseLimits.Budget budget;
  private final String code;
  private final String what;
  private final Counter refused;

  /**
   * {@code name} tags the metrics; {@code code} is the error code of the 429; {@code what} names the attempts in
   * its message ("sign-ups").
   */
  public AddressLimiter(String name, String code, String what, AbuseLimits.Budget budget, long maxAddresses,
                        LongSupplier nanoClock, MeterRegistry meters) {
    this.buckets = new Buckets<>(name + "_buckets", maxAddresses, nanoClock, meters);
    this.budget = budget;
    this.code = code;
    this.what = what;
    this.refused = Counter.builder("abuse_refused").tag("limit", name)
        .description("Requests refused with 429 because their client address spent its budget").register(meters);
  }

  /** Takes one attempt from the client's budget, or throws the 429. */
  public void admit(HttpServerExchange exchange) {
    Decision decision = buckets.take(address(exchange), budget.burst(), budget.perSecond());
    if (!decision.allowed()) {
      refused.increment();
      throw new ApiException(429, code, "This address made more " + what + " than the " + budget.burst()
          + " at once and " + budget.perMinute() + " a minute allowed; retry after " + decision.retryAfterSeconds()
          + " s", null, Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
    }
  }

  /** Gives back the attempt {@link #admit} took, when it cost nothing after all. */
  public void refund(HttpServerExchange exchange) {
    buckets.refund(address(exchange));
  }

  private static InetAddress address(HttpServerExchange exchange) {
    InetSocketAddress peer = exchange.getSourceAddress();
    return peer == null || peer.getAddress() == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
  }
}
