package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.ApiHandler;
import dev.loadbearing.service.ratelimit.Decision;
import dev.loadbearing.service.ratelimit.RateLimiter;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Map;

/** Authentication and rate limiting in front of every {@code /api/**} route except signup. */
public final class Auth {
  public static final HttpString API_KEY = new HttpString("X-Api-Key");
  private static final HttpString LIMIT = new HttpString("X-RateLimit-Limit");
  private static final HttpString REMAINING = new HttpString("X-RateLimit-Remaining");

  private final TenantDirectory directory;
  private final RateLimiter limiter;

  public Auth(TenantDirectory directory, RateLimiter limiter) {
    this.directory = directory;
    this.limiter = limiter;
  }

  public ApiHandler required(TenantHandler handler) {
    return exchange -> {
      Tenant tenant = directory.authenticate(exchange.getRequestHeaders().getFirst(API_KEY));
      Tier tier = tenant.tier();
      Decision decision = limiter.admit(tenant.id(), tier.wireName(), tier.capacity(), tier.refillPerSecond());
      // Set before the handler runs, so error replies carry them too.
      HeaderMap headers = exchange.getResponseHeaders();
      headers.put(LIMIT, decision.limit());
      headers.put(REMAINING, decision.remaining());
      if (!decision.allowed()) {
        throw new ApiException(429, "rate_limited", "Tier " + tier.wireName() + " allows " + tier.capacity()
            + " requests at once and " + tier.refillPerSecond() + " per second; retry after "
            + decision.retryAfterSeconds() + " s", null,
            Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
      }
      return handler.handle(exchange, tenant);
    };
  }
}
