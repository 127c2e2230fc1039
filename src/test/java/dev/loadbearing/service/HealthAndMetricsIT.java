package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import org.junit.jupiter.api.Test;

class HealthAndMetricsIT {
  private final Http anonymous = TestService.anonymous();

  @Test
  void healthSaysUpWithTheDatabase() {
    Response health = anonymous.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("up");
    assertThat(health.json().get("database").asText()).isEqualTo("up");
  }

  @Test
  void metricsShowRequestTimersPoolGaugesAndJvmMemory() {
    anonymous.get("/health");
    String metrics = anonymous.get("/metrics").body();
    assertThat(metrics)
        .contains("http_server_requests_seconds_count{route=\"GET /health\",status=\"200\"}")
        .contains("hikaricp_connections_active")
        .contains("hikaricp_connections_idle")
        .contains("hikaricp_connections_pending")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_memory_heap_after_gc_bytes")
        .contains("assistant_calls_total");
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() {
    Response missing = anonymous.get("/api/nothing-here");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("no_route");
    Response wrongMethod = anonymous.send(anonymous.request("/api/products").DELETE());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
  }
}
