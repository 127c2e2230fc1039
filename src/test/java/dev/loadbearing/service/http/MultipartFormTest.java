package dev.loadbearing.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MultipartFormTest {

  @Test
  void readsPlainAndQuotedBoundaries() {
    assertThat(MultipartForm.boundary("multipart/form-data; boundary=abc", "logo")).isEqualTo("abc");
    assertThat(MultipartForm.boundary("Multipart/Form-Data;boundary=\"a b:c\"", "logo")).isEqualTo("a b:c");
    assertThat(MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=----x1", "logo"))
        .isEqualTo("----x1");
  }

  @Test
  void refusesAnotherTypeAsNotMultipart() {
    assertThatThrownBy(() -> MultipartForm.boundary("application/json", "logo"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("not_multipart"));
    assertThatThrownBy(() -> MultipartForm.boundary(null, "logo"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void refusesMissingEmptyLongAndIllegalBoundaries() {
    for (String header : new String[] {"multipart/form-data", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + "b".repeat(71),
        "multipart/form-data; boundary=a\u00e9b", "multipart/form-data; boundary=\"ends with space \""}) {
      assertThatThrownBy(() -> MultipartForm.boundary(header, "logo")).as(header)
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("malformed_multipart");
          });
    }
  }
}
