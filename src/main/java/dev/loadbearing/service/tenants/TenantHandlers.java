package dev.loadbearing.service.tenants;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.http.Validate;
import dev.loadbearing.service.ratelimit.AddressLimiter;
import io.undertow.server.HttpServerExchange;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

/** Signup, the caller's tenant and its business settings. The logo upload lives in {@link LogoUpload}. */
public final class TenantHandlers {
  private final TenantDirectory directory;
  private final AddressLimiter signups;

  /** {@code signups}: each client address's budget of sign-up attempts, valid or not. */
  public TenantHandlers(TenantDirectory directory, AddressLimiter signups) {
    this.directory = directory;
    this.signups = signups;
  }

  record SignupRequest(String name, String tier) {
  }

  record SignupReply(long id, String name, String tier, String apiKey) {
  }

  record SettingsRequest(String businessName, String currency, String timezone) {
  }

  record RateLimit(int capacity, int refillPerSecond) {
  }

  record TenantView(long id, String name, String tier, String businessName, String currency, String timezone,
                    RateLimit rateLimit) {
    static TenantView of(Tenant t) {
      return new TenantView(t.id(), t.name(), t.tier().wireName(), t.businessName(), t.currency(), t.timezone(),
          new RateLimit(t.tier().capacity(), t.tier().refillPerSecond()));
    }
  }

  /**
   * {@code curl --json '{"name":"Acme","tier":"starter"}' localhost:8080/api/tenants} → 201 with the new key. Any
   * tier, paid ones included: a tier here buys only a bigger token bucket, and every sign-up, whatever its tier,
   * counts in the address's sign-up budget (docs/API.md, "Abuse limits").
   */
  public Reply signup(HttpServerExchange exchange) throws Exception {
    signups.admit(exchange);
    SignupRequest request = Json.read(exchange, SignupRequest.class);
    String name = Validate.text(request.name(), "name", 1, 100).strip();
    Tier tier = Tier.parse(Validate.required(request.tier(), "tier")).orElseThrow(() -> ApiException.badRequest(
        "tier", "Field 'tier' is '" + request.tier() + "' but must be free, starter, professional or enterprise"));
    TenantDirectory.Signup signup = directory.signup(name, tier);
    return Reply.created(new SignupReply(signup.tenant().id(), name, tier.wireName(), signup.apiKey()));
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' localhost:8080/api/tenant} */
  public Reply get(HttpServerExchange exchange, Tenant tenant) {
    return Reply.ok(TenantView.of(tenant));
  }

  /**
   * {@code curl -X PUT -H 'X-Api-Key: lb-free-1' localhost:8080/api/tenant/settings
   * --json '{"businessName":"Acme Ltd","currency":"EUR","timezone":"Europe/Paris"}'} → 200 tenant.
   */
  public Reply settings(HttpServerExchange exchange, Tenant tenant) throws Exception {
    SettingsRequest request = Json.read(exchange, SettingsRequest.class);
    String businessName = Validate.text(request.businessName(), "businessName", 1, 200).strip();
    String currency = currency(Validate.required(request.currency(), "currency"));
    String timezone = timezone(Validate.required(request.timezone(), "timezone"));
    return Reply.ok(TenantView.of(directory.updateSettings(tenant, businessName, currency, timezone)));
  }

  private static String currency(String code) {
    try {
      if (code.length() == 3) {
        return Currency.getInstance(code).getCurrencyCode();
      }
    } catch (IllegalArgumentException unknown) {
      // reported below
    }
    throw ApiException.badRequest("currency",
        "Field 'currency' is '" + code + "' but must be an ISO 4217 code like EUR");
  }

  private static String timezone(String zone) {
    try {
      return ZoneId.of(zone).getId();
    } catch (DateTimeException unknown) {
      throw ApiException.badRequest("timezone", "Field 'timezone' is '" + zone
          + "' but must be an IANA time zone like Europe/Paris");
    }
  }
}
