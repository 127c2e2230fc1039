package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.endpoints.Orders;
import dev.loadbearing.suite.observe.OrderLedger;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The users of the Chaos profile: each does one thing, with no think time (arrivals are the request rate): an
 * order that survives faults by retrying with the same {@code Idempotency-Key}, a catalogue page, or a chat.
 */
public final class ChaosClients {
  /** The longest Retry-After a client honours; a longer one is waited this long (the run is bounded in time). */
  private static final long LONGEST_WAIT_SECONDS = 10;

  private ChaosClients() {
  }

  /** A seeded tenant of {@code profile.tier()} (or the given key), then one action picked by the mix. */
  public static ChainBuilder user(Profiles.Chaos profile, JourneyConfig journeys, int tenantsPerTier,
                                  Optional<String> apiKey) {
    int pages = journeys.shopperPages();
    return feed(Feeders.tenants(List.of(profile.tier()), tenantsPerTier, apiKey, false)).exec(randomSwitch().on(
        percent(profile.mix().get("order")).then(order(pages, profile.orderAttempts())),
        percent(profile.mix().get("browse")).then(Shopper.browse(pages)),
        percent(profile.mix().get("chat")).then(AssistantUser.chat())));
  }

  /**
   * A product from a catalogue page, then one unit of it under a fresh key, sent up to {@code attempts} times
   * while the answer says to retry (503, 429, 409 in progress, none), waiting as {@code Retry-After} says (1 s
   * without it). Each 201 is written to the {@link OrderLedger} with its order id.
   */
  static ChainBuilder order(int pages, int attempts) {
    return group("order").on(Shopper.pickProduct(pages).doIf(session -> session.contains(Keys.PRODUCT_ID)).then(
        exec(session -> session.set(Keys.QUANTITY, 1).set(Keys.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
            .set(Keys.ATTEMPTS, 0).set(Keys.STATUS, 0))
            .asLongAs(session -> retryable(session) && session.getInt(Keys.ATTEMPTS) < attempts).on(
                exec(session -> {
                  OrderLedger.sent(session.getString(Keys.IDEMPOTENCY_KEY));
                  return session.set(Keys.ATTEMPTS, session.getInt(Keys.ATTEMPTS) + 1).set(Keys.STATUS, 0)
                      .remove(Keys.RETRY_AFTER).remove(Keys.ORDER_ID);
                })
                .exec(Orders.PLACE_ORDER_IDEMPOTENT)
                .doIf(session -> retryable(session) && session.getInt(Keys.ATTEMPTS) < attempts)
                .then(pause(ChaosClients::retryAfter)))
            .doIf(session -> session.getInt(Keys.STATUS) == 201 && session.contains(Keys.ORDER_ID))
            .then(exec(session -> {
              OrderLedger.confirmed(session.getString(Keys.IDEMPOTENCY_KEY), session.getLong(Keys.ORDER_ID));
              return session;
            }))));
  }

  /**
   * No answer (0), or one that says "try again": 503, 429, and a 409 with Retry-After (the same key still being
   * processed, {@code idempotency_in_progress}); a 409 without it is out of stock, a final answer.
   */
  private static boolean retryable(Session session) {
    int status = session.getInt(Keys.STATUS);
    return status == 0 || status == 503 || status == 429 || status == 409 && session.contains(Keys.RETRY_AFTER);
  }

  private static Duration retryAfter(Session session) {
    long seconds = 1;
    if (session.contains(Keys.RETRY_AFTER)) {
      try {
        seconds = Long.parseLong(session.getString(Keys.RETRY_AFTER).strip());
      } catch (NumberFormatException httpDate) {
        // An HTTP-date form is not used by the service; wait the default.
      }
    }
    return Duration.ofSeconds(Math.max(1, Math.min(seconds, LONGEST_WAIT_SECONDS)));
  }
}
