package dev.loadbearing.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import org.junit.jupiter.api.Test;

class RateLimitApiIT {

  @Test
  void everyAuthenticatedReplyCarriesTheLimitHeaders() {
    Response reply = TestService.newTenant("starter").get("/api/tenant");
    assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("100");
    assertThat(Integer.parseInt(reply.header("X-RateLimit-Remaining"))).isBetween(0, 99);
  }

  @Test
  void errorRepliesCarryTheLimitHeadersToo() {
    Response notFound = TestService.newTenant("starter").get("/api/products/999999999");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("X-RateLimit-Limit")).isEqualTo("100");
  }

  @Test
  void aFreeTenantBeyondItsBurstGets429WithRetryAfter() {
    // A fresh tenant: its bucket is its own, so no other test is slowed down.
    Http free = TestService.newTenant("free");
    Response limited = null;
    for (int i = 0; i < 60 && limited == null; i++) {
      Response reply = free.get("/api/tenant");
      if (reply.status() == 429) {
        limited = reply;
      }
    }
    assertThat(limited).as("a 429 within 60 quick requests on a 20-token bucket").isNotNull();
    assertThat(limited.errorCode()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("20");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  void everyTierHasARefusalCounterFromTheStart() {
    String metrics = TestService.anonymous().get("/metrics").body();
    for (String tier : new String[] {"free", "starter", "professional", "enterprise"}) {
      assertThat(metrics).contains("rate_limited_total{tier=\"" + tier + "\"}");
    }
  }

  @Test
  void refusalsAreCountedInMetrics() {
    Http free = TestService.newTenant("free");
    for (int i = 0; i < 40; i++) {
      free.get("/api/tenant");
    }
    assertThat(TestService.anonymous().get("/metrics").body()).contains("rate_limited_total{tier=\"free\"}");
  }
}
