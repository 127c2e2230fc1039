package dev.loadbearing.service.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TenantApiIT {
  private final Http anonymous = TestService.anonymous();

  @Test
  void signupReturnsTheTenantAndAnUnguessableKey() {
    Response signup = anonymous.post("/api/tenants", "{\"name\":\"Acme\",\"tier\":\"starter\"}");
    assertThat(signup.status()).isEqualTo(201);
    JsonNode body = signup.json();
    assertThat(body.get("name").asText()).isEqualTo("Acme");
    assertThat(body.get("tier").asText()).isEqualTo("starter");
    assertThat(body.get("id").asLong()).isPositive();
    assertThat(body.get("apiKey").asText()).hasSizeGreaterThan(30).doesNotContain("starter");
  }

  @Test
  void signupRefusesAnUnknownTierNamingTheField() {
    Response refused = anonymous.post("/api/tenants", "{\"name\":\"Acme\",\"tier\":\"gold\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorField()).isEqualTo("tier");
  }

  @Test
  void signupRefusesEmptyAndOverlongNames() {
    assertThat(anonymous.post("/api/tenants", "{\"name\":\"\",\"tier\":\"free\"}").errorField()).isEqualTo("name");
    assertThat(anonymous.post("/api/tenants", "{\"name\":\"" + "x".repeat(101) + "\",\"tier\":\"free\"}").errorField())
        .isEqualTo("name");
    assertThat(anonymous.post("/api/tenants", "{\"name\":\"" + "x".repeat(100) + "\",\"tier\":\"free\"}").status())
        .isEqualTo(201);
  }

  @Test
  void signupRefusesMissingFieldsUnknownFieldsAndBrokenJson() {
    assertThat(anonymous.post("/api/tenants", "{\"name\":\"Acme\"}").errorField()).isEqualTo("tier");
    assertThat(anonymous.post("/api/tenants", "{\"name\":\"Acme\",\"tier\":\"free\",\"plan\":1}").errorField())
        .isEqualTo("plan");
    assertThat(anonymous.post("/api/tenants", "{\"name\":7,\"tier\":\"free\"}").errorField()).isEqualTo("name");
    Response broken = anonymous.post("/api/tenants", "{\"name\":");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.errorCode()).isEqualTo("malformed_json");
  }

  @Test
  void refusesAMissingKeyWith401() {
    Response refused = anonymous.get("/api/tenant");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void refusesAnUnknownKeyWith401() {
    assertThat(anonymous.withKey("lb-free-999").get("/api/products").status()).isEqualTo(401);
  }

  @Test
  void seededKeysFollowTheDocumentedPattern() {
    Response tenant = anonymous.withKey("lb-professional-1").get("/api/tenant");
    assertThat(tenant.status()).isEqualTo(200);
    assertThat(tenant.json().get("tier").asText()).isEqualTo("professional");
  }

  @Test
  void showsTheCallersTenantWithItsRateLimit() {
    Response tenant = TestService.newTenant("starter").get("/api/tenant");
    assertThat(tenant.status()).isEqualTo(200);
    JsonNode body = tenant.json();
    assertThat(body.get("tier").asText()).isEqualTo("starter");
    assertThat(body.get("rateLimit").get("capacity").asInt()).isEqualTo(100);
    assertThat(body.get("rateLimit").get("refillPerSecond").asInt()).isEqualTo(50);
    assertThat(body.has("businessName")).isTrue();
  }

  @Test
  void savesSettingsAndShowsThemAfterwards() {
    Http tenant = TestService.newTenant();
    Response saved = tenant.put("/api/tenant/settings",
        "{\"businessName\":\"Acme Ltd\",\"currency\":\"EUR\",\"timezone\":\"Europe/Paris\"}");
    assertThat(saved.status()).isEqualTo(200);
    JsonNode body = tenant.get("/api/tenant").json();
    assertThat(body.get("businessName").asText()).isEqualTo("Acme Ltd");
    assertThat(body.get("currency").asText()).isEqualTo("EUR");
    assertThat(body.get("timezone").asText()).isEqualTo("Europe/Paris");
  }

  @Test
  void refusesUnknownCurrenciesAndTimezones() {
    Http tenant = TestService.newTenant();
    assertThat(tenant.put("/api/tenant/settings",
        "{\"businessName\":\"A\",\"currency\":\"XYZW\",\"timezone\":\"Europe/Paris\"}").errorField())
        .isEqualTo("currency");
    assertThat(tenant.put("/api/tenant/settings",
        "{\"businessName\":\"A\",\"currency\":\"EUR\",\"timezone\":\"Mars/Olympus\"}").errorField())
        .isEqualTo("timezone");
    assertThat(tenant.put("/api/tenant/settings", "{\"currency\":\"EUR\",\"timezone\":\"UTC\"}").errorField())
        .isEqualTo("businessName");
  }

  @Test
  void acceptsAPngLogo() {
    Response uploaded = upload(TestService.newTenant(), "logo", "image/png", new byte[1234]);
    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(uploaded.json().get("bytes").asInt()).isEqualTo(1234);
    assertThat(uploaded.json().get("contentType").asText()).isEqualTo("image/png");
  }

  @Test
  void acceptsSvgAndJpegLogos() {
    Http tenant = TestService.newTenant();
    assertThat(upload(tenant, "logo", "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(201);
    assertThat(upload(tenant, "logo", "image/jpeg", new byte[10]).status()).isEqualTo(201);
  }

  @Test
  void refusesOtherImageTypesWith415() {
    Response refused = upload(TestService.newTenant(), "logo", "image/gif", new byte[10]);
    assertThat(refused.status()).isEqualTo(415);
    assertThat(refused.errorField()).isEqualTo("logo");
  }

  @Test
  void refusesLogosOverOneMebibyteWith413() {
    Http tenant = TestService.newTenant();
    assertThat(upload(tenant, "logo", "image/png", new byte[1024 * 1024]).status()).isEqualTo(201);
    assertThat(upload(tenant, "logo", "image/png", new byte[1024 * 1024 + 1]).status()).isEqualTo(413);
  }

  @Test
  void refusesAFormWithoutALogoPartAndBodiesThatAreNotForms() {
    Http tenant = TestService.newTenant();
    assertThat(upload(tenant, "picture", "image/png", new byte[10]).status()).isEqualTo(400);
    Response notAForm = tenant.post("/api/tenant/logo", "{}");
    assertThat(notAForm.status()).isEqualTo(400);
    assertThat(notAForm.errorCode()).isEqualTo("not_multipart");
  }

  @Test
  void refusesABrokenMultipartBodyWith400() {
    Http tenant = TestService.newTenant();
    Response broken = tenant.postBytes("/api/tenant/logo", "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a\"\r\nContent-Type: image/png\r\n\r\nabc"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(broken.status()).isEqualTo(400);
    Response noBoundary = tenant.postBytes("/api/tenant/logo", "multipart/form-data", new byte[10]);
    assertThat(noBoundary.status()).isEqualTo(400);
  }

  private static Response upload(Http tenant, String part, String contentType, byte[] content) {
    String boundary = "----loadbearing-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
        + "\"; filename=\"logo\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return tenant.postBytes("/api/tenant/logo", "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }
}
