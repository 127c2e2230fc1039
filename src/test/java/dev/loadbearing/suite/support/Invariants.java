package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.endpoints.Tenants;
import dev.loadbearing.suite.journeys.DatabaseWork;
import dev.loadbearing.suite.journeys.FlashSale;
import dev.loadbearing.suite.journeys.RateLimitClients;
import dev.loadbearing.suite.observe.StatusCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Profile-specific invariants judged after the load, from the suite's status counts or the service itself. */
public final class Invariants {
  private static final String ORDERS = Orders.PLACE;
  private static final String TENANT = Tenants.TENANT;
  private static final String FOREIGN = Catalog.FOREIGN_PRODUCT;

  private Invariants() {
  }

  public static List<Verdict> flashSale(int stock) {
    return List.of(
        new Verdict("exactly N orders succeed", () -> {
          long created = StatusCounts.count(FlashSale.BUYERS, ORDERS, 201);
          return created == stock ? null : "expected exactly " + stock + " orders (201), counted " + created;
        }),
        new Verdict("every other buyer gets 409", () -> {
          long buyers = StatusCounts.total(FlashSale.BUYERS, ORDERS);
          long conflicts = StatusCounts.count(FlashSale.BUYERS, ORDERS, 409);
          long expected = buyers - stock;
          return conflicts == expected ? null : "expected " + expected + " × 409 out_of_stock for " + buyers
              + " buyers and stock " + stock + ", counted " + conflicts + "; all statuses: "
              + StatusCounts.byRequest().get(ORDERS);
        }));
  }

  public static List<Verdict> rateLimit(Profiles.RateLimit p, String burst, String sustained, String polite) {
    int overflow = p.overflow();
    return List.of(
        new Verdict("burst of capacity + overflow gets overflow × 429, less what refilled during it", () -> {
          long refused = StatusCounts.count(burst, TENANT, 429);
          long admitted = StatusCounts.count(burst, TENANT, 200);
          long span = StatusCounts.spanMillis(burst);
          // Tokens that can have refilled while the burst was sent: over its span, plus the one that may have
          // been accruing since the bucket's first request. A slow machine stretches the span, never the bucket.
          Profiles.Bucket bucket = p.buckets().get(p.burstTier());
          long refilled = (long) Math.floor(bucket.refillPerSecond() * span / 1000.0) + 1;
          boolean exact = refused <= overflow && refused >= overflow - refilled && refused + admitted == overflow
              + bucket.capacity();
          return exact ? null : "expected " + overflow + " × 429 (at most " + refilled + " fewer for tokens refilled "
              + "over the burst) and the rest 200, counted " + refused + " × 429 and " + admitted + " × 200 over "
              + span + " ms";
        }),
        new Verdict("every polite client eventually succeeds", () -> {
          int succeeded = RateLimitClients.politeSuccesses();
          return succeeded == p.retryClients() ? null : "expected all " + p.retryClients()
              + " clients to end with 200 after honouring Retry-After, " + succeeded + " did";
        }),
        admittedWithin(burst, p.buckets().get(p.burstTier()), 1),
        admittedWithin(sustained, p.buckets().get(p.sustainedTier()), 1),
        admittedWithin(polite, p.buckets().get(p.retryTier()), 1));
  }

  /** 429s counted by the suite for the given populations' rate-limit probes. */
  public static long refused(List<String> populations) {
    return populations.stream().mapToLong(p -> StatusCounts.count(p, TENANT, 429)).sum();
  }

  /** Never more admitted (2xx) than {@code tenants} buckets allow over the population's span. */
  public static Verdict admittedWithin(String population, Profiles.Bucket bucket, int tenants) {
    return new Verdict(population + " admitted within the bucket", () -> {
      long admitted = StatusCounts.count(population, null, s -> s >= 200 && s < 300);
      long span = StatusCounts.spanMillis(population);
      double allowed = tenants * bucket.admissible(span);
      return admitted <= allowed ? null : String.format(Locale.ROOT,
          "%d requests admitted over %d ms, but %d bucket(s) of %d refilling %.0f/s allow at most %.0f",
          admitted, span, tenants, bucket.capacity(), bucket.refillPerSecond(), allowed);
    });
  }

  public static Verdict noCrossTenantReads() {
    return new Verdict("0 cross-tenant reads", () -> {
      long leaked = StatusCounts.count(null, FOREIGN, s -> s >= 200 && s < 300);
      long refused = StatusCounts.count(null, FOREIGN, 404);
      if (leaked > 0) {
        return leaked + " requests for another tenant's product were answered with its data";
      }
      return refused > 0 ? null : "no cross-tenant probe got its 404; the probe did not run";
    });
  }

  public static List<Verdict> multiTenant(Profiles.MultiTenant p, int tenantsPerTier) {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(noCrossTenantReads());
    for (Profiles.Tier tier : p.tiers()) {
      verdicts.add(admittedWithin(tier.name(), p.buckets().get(tier.name()), tenantsPerTier));
    }
    return verdicts;
  }

  /** The service's own consistency report for the session's tenant: no negative stock, every order whole. */
  public static Verify.Named consistency() {
    return Verify.get("verify: stock never negative, every order consistent", "/api/admin/consistency")
        .check(status().is(200), jsonPath("$.negativeStock").ofInt().is(0),
            jsonPath("$.ordersWithoutItems").ofInt().is(0), jsonPath("$.orderTotalsMismatched").ofInt().is(0));
  }

  /** The hot row's expected stock: its start plus every admitted +1, minus every admitted -1. */
  public static long hotRowExpectedStock() {
    return DatabaseWork.HOT_STOCK + StatusCounts.count(DatabaseWork.HOT_UP, Catalog.STOCK, 200)
        - StatusCounts.count(DatabaseWork.HOT_DOWN, Catalog.STOCK, 200);
  }
}
