package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Sign-up and the caller's own tenant. */
public final class Tenants {
  /** The name of every request for the caller's tenant; rate-limit verdicts count its statuses. */
  public static final String TENANT = "GET /api/tenant";
  private static final String KEY = "#{" + Keys.API_KEY + "}";

  /** A new starter-tier tenant; saves its API key into the session. */
  public static final HttpRequestActionBuilder SIGN_UP = Observed.post("POST /api/tenants", "/api/tenants")
      .asJson()
      .body(StringBody("{\"name\":\"#{" + Keys.TENANT_NAME + "}\",\"tier\":\"starter\"}"))
      .check(status().is(201), jsonPath("$.tier").is("starter"), jsonPath("$.apiKey").saveAs(Keys.API_KEY));

  /** A new tenant on the session's tier; saves its API key. */
  public static final HttpRequestActionBuilder SIGN_UP_ON_TIER = Observed.post("POST /api/tenants", "/api/tenants")
      .asJson()
      .body(StringBody("{\"name\":\"#{" + Keys.TENANT_NAME + "}\",\"tier\":\"#{" + Keys.TIER + "}\"}"))
      .check(status().is(201), jsonPath("$.tier").isEL("#{" + Keys.TIER + "}"),
          jsonPath("$.apiKey").saveAs(Keys.API_KEY));

  /** "Log in": the key is known and answers with its tenant and rate limit. */
  public static final HttpRequestActionBuilder GET_TENANT = Observed.get(TENANT, "/api/tenant")
      .header("X-Api-Key", KEY)
      .check(status().is(200), jsonPath("$.rateLimit.capacity").ofInt().gt(0),
          header("X-RateLimit-Limit").exists());

  /**
   * A rate-limit probe: admitted (200) or refused (429 with Retry-After) are both correct answers; saves
   * the status and Retry-After so a client can honour it.
   */
  public static final HttpRequestActionBuilder PROBE_TENANT = Observed.get(TENANT, "/api/tenant")
      .header("X-Api-Key", KEY)
      .check(status().in(200, 429).saveAs(Keys.STATUS),
          header("Retry-After").optional().saveAs(Keys.RETRY_AFTER));

  /** Business setup right after sign-up. */
  public static final HttpRequestActionBuilder UPDATE_SETTINGS = Observed.put("PUT /api/tenant/settings",
          "/api/tenant/settings")
      .header("X-Api-Key", KEY)
      .asJson()
      .body(StringBody("{\"businessName\":\"#{" + Keys.TENANT_NAME + "} Ltd\",\"currency\":\"EUR\","
          + "\"timezone\":\"Europe/Paris\"}"))
      .check(status().is(200), jsonPath("$.businessName").isEL("#{" + Keys.TENANT_NAME + "} Ltd"),
          jsonPath("$.currency").is("EUR"));

  /** A small PNG as multipart part {@code logo}; the service reports its size and type. */
  public static final HttpRequestActionBuilder UPLOAD_LOGO = Observed.post("POST /api/tenant/logo", "/api/tenant/logo")
      .header("X-Api-Key", KEY)
      .bodyPart(RawFileBodyPart("logo", "feeders/logo.png").contentType("image/png").fileName("logo.png"))
      .asMultipartForm()
      .check(status().is(201), jsonPath("$.contentType").is("image/png"), jsonPath("$.bytes").ofInt().gt(0));

  private Tenants() {
  }
}
