package dev.loadbearing.suite.observe;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients were told about their orders, by {@code Idempotency-Key}: every key sent, and the order id of
 * each key answered 201. After a Chaos run it is compared with the database: every 201 exists exactly once with
 * its id. Reset when a run starts.
 */
public final class OrderLedger {
  private static final Set<String> SENT = ConcurrentHashMap.newKeySet();
  private static final Map<String, Long> CONFIRMED = new ConcurrentHashMap<>();
  private static final LongAdder SECOND_IDS = new LongAdder();

  private OrderLedger() {
  }

  public static void reset() {
    SENT.clear();
    CONFIRMED.clear();
    SECOND_IDS.reset();
  }

  /** An order is about to be sent (first attempt or retry) with this key. */
  public static void sent(String key) {
    SENT.add(key);
  }

  /** The service answered 201 with this order id; a key answered with two different ids is counted. */
  public static void confirmed(String key, long orderId) {
    Long before = CONFIRMED.putIfAbsent(key, orderId);
    if (before != null && before != orderId) {
      SECOND_IDS.increment();
    }
  }

  /** Key → order id of every 201. */
  public static Map<String, Long> confirmed() {
    return Map.copyOf(CONFIRMED);
  }

  /** Every key an order was sent with. */
  public static Set<String> sent() {
    return Set.copyOf(SENT);
  }

  /** Keys the service answered 201 with a different order id than the first time. */
  public static long keysWithTwoIds() {
    return SECOND_IDS.sum();
  }
}
