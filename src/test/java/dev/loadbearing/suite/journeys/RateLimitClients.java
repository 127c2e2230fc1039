package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;

import dev.loadbearing.suite.endpoints.Health;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Tenants;
import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients of a rate-limited API: a tenant set up per sub-test so each starts with a full bucket; a burst
 * client (one request each, 200 or 429 both correct); and a polite client that honours {@code Retry-After}.
 */
public final class RateLimitClients {
  /** Clients that ended with a 200 after honouring Retry-After, this run. */
  private static final AtomicInteger POLITE_SUCCESSES = new AtomicInteger();

  private RateLimitClients() {
  }

  /** Forgets the last run's count; called when a run starts. */
  public static void reset() {
    POLITE_SUCCESSES.set(0);
  }

  public static int politeSuccesses() {
    return POLITE_SUCCESSES.get();
  }

  /**
   * A fresh tenant on {@code tier} whose bucket the service reports as {@code capacity}, then a pause long
   * enough (real time: buckets refill in real seconds) for that probe's token to come back.
   */
  public static ChainBuilder setUp(String population, String tier, int capacity, double refillPerSecond,
                                   Optional<String> apiKey) {
    return Tenancy.freshOrGiven("rl-" + population, tier, apiKey)
        .exec(group("set up").on(exec(Tenants.GET_TENANT.check(
            jsonPath("$.rateLimit.capacity").ofInt().is(capacity)))))
        .exec(exitHereIfFailed())
        .exec(Handoff.save(Keys.API_KEY, population + ".apiKey"))
        .exec(pause(Duration.ofMillis((long) Math.ceil(2000 / refillPerSecond) + 200)));
  }

  /** One request on the population's tenant: admitted or refused, both are correct answers. */
  public static ChainBuilder oneRequest(String population) {
    return exec(session -> session.set(Observed.POPULATION, population))
        .exec(Handoff.load(population + ".apiKey", Keys.API_KEY))
        .exec(Tenants.PROBE_TENANT);
  }

  /**
   * One request each, all fired at the same instant: every client first opens its connection (an
   * unauthenticated {@code /health}, which takes no token), then waits for a common start a second after the
   * first client arrived, so the whole burst lands within one refill interval.
   */
  public static ChainBuilder burst(String population) {
    return exec(Health.HEALTH)
        .pause(session -> {
          long fireAt = (Long) Handoff.firstOf(population + ".fireAt", () -> System.currentTimeMillis() + 1000);
          return Duration.ofMillis(Math.max(0, fireAt - System.currentTimeMillis()));
        })
        .exec(oneRequest(population));
  }

  /** Retries after each 429 for as long as Retry-After says, up to {@code maxAttempts}; counts a final 200. */
  public static ChainBuilder polite(String population, int maxAttempts) {
    return exec(session -> session.set(Observed.POPULATION, population).set(Keys.ATTEMPTS, 0).set(Keys.STATUS, 0))
        .exec(Handoff.load(population + ".apiKey", Keys.API_KEY))
        .asLongAs(session -> session.getInt(Keys.STATUS) != 200 && session.getInt(Keys.ATTEMPTS) < maxAttempts)
        .on(exec(session -> session.set(Keys.ATTEMPTS, session.getInt(Keys.ATTEMPTS) + 1)
                .set(Keys.STATUS, 0).remove(Keys.RETRY_AFTER))
            .exec(Tenants.PROBE_TENANT)
            .doIf(session -> session.getInt(Keys.STATUS) == 429).then(
                pause(session -> Duration.ofSeconds(session.contains(Keys.RETRY_AFTER)
                    ? Long.parseLong(session.getString(Keys.RETRY_AFTER).strip()) : 1))))
        .doIf(session -> session.getInt(Keys.STATUS) == 200).then(exec(session -> {
          POLITE_SUCCESSES.incrementAndGet();
          return session;
        }));
  }
}
