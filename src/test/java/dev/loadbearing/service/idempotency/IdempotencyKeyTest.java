package dev.loadbearing.service.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.http.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void acceptsOneTo255VisibleAsciiCharacters() {
    assertThat(IdempotencyKey.checked("a")).isEqualTo("a");
    assertThat(IdempotencyKey.checked("~".repeat(255))).hasSize(255);
    assertThat(IdempotencyKey.checked("order-7f3c:2026/11/30!")).isEqualTo("order-7f3c:2026/11/30!");
  }

  @Test
  void refusesEmptyTooLongAndInvisibleOrNonAsciiKeysNamingTheHeader() {
    for (String bad : List.of("", "k".repeat(256), "a b", "tab\there", "del\u007f", "caf\u00e9", "\u20ac")) {
      assertThatThrownBy(() -> IdempotencyKey.checked(bad)).as("'%s'", bad)
          .isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid_idempotency_key");
            assertThat(refused.field()).isEqualTo("Idempotency-Key");
          });
    }
  }

  private record Line(long productId, int quantity) {
  }

  @Test
  void theRequestHashIsSha256OfTheCanonicalRequestAndSeesEveryValue() {
    String one = Idempotency.sha256(List.of(new Line(1, 2), new Line(3, 4)));
    assertThat(one).hasSize(64).matches("[0-9a-f]+");
    assertThat(Idempotency.sha256(List.of(new Line(1, 2), new Line(3, 4)))).isEqualTo(one);
    assertThat(Idempotency.sha256(List.of(new Line(1, 2), new Line(3, 5)))).isNotEqualTo(one);
    assertThat(Idempotency.sha256(List.of(new Line(1, 2)))).isNotEqualTo(one);
  }
}
