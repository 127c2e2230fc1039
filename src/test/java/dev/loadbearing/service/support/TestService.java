package dev.loadbearing.service.support;

import dev.loadbearing.service.ReferenceService;
import dev.loadbearing.service.ServiceConfig;
import dev.loadbearing.service.Settings;
import dev.loadbearing.service.db.DatabaseSettings;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.http.HttpLimits;
import dev.loadbearing.service.ratelimit.AbuseLimits;
import java.util.Map;
import java.util.Properties;

/**
 * One real reference service (embedded PostgreSQL, port 0) for the whole test run: started by the first
 * test that asks, stopped by a shutdown hook when the JVM ends. Tests sign up their own tenants, so they
 * neither see nor rate-limit each other.
 */
public final class TestService {
  /**
   * Every IT shares this service and signs up (and tries wrong keys) from 127.0.0.1 as fast as it can; the abuse
   * limits are tested on a service of their own (AbuseLimitsIT), so here they are out of the way.
   */
  private static final AbuseLimits UNTHROTTLED = new AbuseLimits(new AbuseLimits.Budget(1_000_000, 1_000_000),
      new AbuseLimits.Budget(1_000_000, 1_000_000), AbuseLimits.DEFAULTS.cacheEntries(), 1.0);
  private static ReferenceService service;

  private TestService() {
  }

  public static synchronized ReferenceService get() {
    if (service == null) {
      Properties properties = new Properties();
      properties.setProperty("db.data-root", "target/loadbearing-test");
      DatabaseSettings database = DatabaseSettings.from(new Settings(properties, Map.of()));
      // A small seed keeps start-up to a few seconds; latency scale 0 makes the assistant answer at once.
      service = ReferenceService.start(new ServiceConfig("127.0.0.1", 0, 400, 1, 8, database, 0.0, 1.0, Faults.NONE,
          HttpLimits.DEFAULTS, UNTHROTTLED));
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "test-service-shutdown"));
    }
    return service;
  }

  /** A client without an API key. */
  public static Http anonymous() {
    return new Http(get().baseUrl(), null);
  }

  /** A client for a freshly signed-up tenant of the tier (enterprise unless a test is about limits). */
  public static Http newTenant(String tier) {
    Response signup = anonymous().post("/api/tenants", "{\"name\":\"test " + tier + "\",\"tier\":\"" + tier + "\"}");
    if (signup.status() != 201) {
      throw new IllegalStateException("Signup failed: " + signup);
    }
    return anonymous().withKey(signup.json().get("apiKey").asText());
  }

  public static Http newTenant() {
    return newTenant("enterprise");
  }
}
