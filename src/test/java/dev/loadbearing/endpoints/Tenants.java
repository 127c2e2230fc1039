package dev.loadbearing.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Sign-up and the caller's own tenant. */
public final class Tenants {
  /** A new starter-tier tenant; saves its API key into the session. */
  public static final HttpRequestActionBuilder SIGN_UP = http("POST /api/tenants").post("/api/tenants")
      .asJson()
      .body(StringBody("{\"name\":\"#{" + Keys.TENANT_NAME + "}\",\"tier\":\"starter\"}"))
      .check(status().is(201), jsonPath("$.tier").is("starter"), jsonPath("$.apiKey").saveAs(Keys.API_KEY));

  public static final HttpRequestActionBuilder GET_TENANT = http("GET /api/tenant").get("/api/tenant")
      .header("X-Api-Key", "#{" + Keys.API_KEY + "}")
      .check(status().is(200), jsonPath("$.rateLimit.capacity").ofInt().gt(0));

  /** Business setup right after sign-up. */
  public static final HttpRequestActionBuilder UPDATE_SETTINGS = http("PUT /api/tenant/settings")
      .put("/api/tenant/settings")
      .header("X-Api-Key", "#{" + Keys.API_KEY + "}")
      .asJson()
      .body(StringBody("{\"businessName\":\"#{" + Keys.TENANT_NAME + "} Ltd\",\"currency\":\"EUR\","
          + "\"timezone\":\"Europe/Paris\"}"))
      .check(status().is(200), jsonPath("$.currency").is("EUR"));

  public static final HttpRequestActionBuilder UPLOAD_LOGO = http("POST /api/tenant/logo").post("/api/tenant/logo")
      .header("X-Api-Key", "#{" + Keys.API_KEY + "}")
      .bodyPart(RawFileBodyPart("logo", "feeders/logo.png").contentType("image/png").fileName("logo.png"))
      .asMultipartForm()
      .check(status().is(201), jsonPath("$.contentType").is("image/png"));

  private Tenants() {
  }
}
