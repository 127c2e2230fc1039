package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.ApiHandler;
import dev.loadbearing.service.ratelimit.AddressLimiter;
import dev.loadbearing.service.ratelimit.Decision;
import dev.loadbearing.service.ratelimit.RateLimiter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Authentication and rate limiting in front of every {@code /api/**} route except signup. */
public final class Auth {
  public static final HttpString API_KEY = new HttpString("X-Api-Key");
  private static final HttpString LIMIT = new HttpString("X-RateLimit-Limit");
  private static final HttpString REMAINING = new HttpString("X-RateLimit-Remaining");

  private final TenantDirectory directory;
  private final RateLimiter limiter;
  private final AddressLimiter unknownKeys;
  private final double limitMultiplier;

  /**
   * {@code limitMultiplier} scales every tier's capacity and refill rate (1 = the documented limits);
   * {@code unknownKeys} is each client address's budget of keys memory does not hold.
   */
  public Auth(TenantDirectory directory, RateLimiter limiter, AddressLimiter unknownKeys, double limitMultiplier) {
    this.directory = directory;
    this.limiter = limiter;
    this.unknownKeys = unknownKeys;
    this.limitMultiplier = limitMultiplier;
  }

  public ApiHandler required(TenantHandler handler) {
    return exchange -> {
      Tenant tenant = authenticate(exchange);
      Tier tier = tenant.tier();
      int capacity = (int) Math.max(1, Math.round(tier.capacity() * limitMultiplier));
      double refillPerSecond = tier.refillPerSecond() * limitMultiplier;
      Decision decision = limiter.admit(tenant.id(), tier.wireName(), capacity, refillPerSecond);
      // Set before the handler runs, so error replies carry them too.
      HeaderMap headers = exchange.getResponseHeaders();
      headers.put(LIMIT, decision.limit());
      headers.put(REMAINING, decision.remaining());
      if (!decision.allowed()) {
        throw new ApiException(429, "rate_limited", "Tier " + tier.wireName() + " allows " + capacity
            + " requests at once and " + refillPerSecond + " per second; retry after "
            + decision.retryAfterSeconds() + " s", null,
            Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
      }
      return handler.handle(exchange, tenant);
    };
  }

  /**
   * A key memory holds costs nothing; any other takes one from the client address's budget before the database
   * is asked (so a flood of random keys costs at most the budget in queries) and gives it back unless the key
   * was found unknown.
   */
  private Tenant authenticate(HttpServerExchange exchange) throws SQLException {
    String apiKey = exchange.getRequestHeaders().getFirst(API_KEY);
    if (apiKey == null || apiKey.isEmpty()) {
      throw new ApiException(401, "unauthorized", "Send your API key in the X-Api-Key header");
    }
    Optional<Tenant> cached = directory.cached(apiKey);
    if (cached.isPresent()) {
      return cached.get();
    }
    unknownKeys.admit(exchange);
    boolean unknown = false;
    try {
      Optional<Tenant> found = directory.lookUp(apiKey);
      unknown = found.isEmpty();
      return found.orElseThrow(() -> new ApiException(401, "unauthorized", "The API key is not known"));
    } finally {
      // Only a key found unknown spends the token: not a known one, nor a lookup the database did not answer.
      if (!unknown) {
        unknownKeys.refund(exchange);
      }
    }
  }
}
