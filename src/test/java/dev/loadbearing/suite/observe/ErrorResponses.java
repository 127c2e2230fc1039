package dev.loadbearing.suite.observe;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every 5xx and 429 response of this JVM's run, with when it was sent and received and whether it carried
 * {@code Retry-After}, so a verdict can ask "did errors happen only inside fault windows, each a 503 with
 * Retry-After?". Filled by {@link Observed}; reset when a run starts. Errors are rare next to responses, so a
 * queue of small records is cheap; past {@link #KEPT} the rest are only counted.
 */
public final class ErrorResponses {
  static final int KEPT = 200_000;
  private static final Queue<ErrorResponse> RESPONSES = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger SIZE = new AtomicInteger();
  private static final LongAdder UNKEPT = new LongAdder();

  private ErrorResponses() {
  }

  /**
   * @param sentAt     epoch ms the request was sent
   * @param receivedAt epoch ms the response arrived
   * @param status     5xx or 429
   * @param retryAfter whether the response had a Retry-After header
   */
  public record ErrorResponse(long sentAt, long receivedAt, int status, boolean retryAfter) {
  }

  public static void reset() {
    RESPONSES.clear();
    SIZE.set(0);
    UNKEPT.reset();
  }

  static void record(long sentAt, long receivedAt, int status, boolean retryAfter) {
    if (SIZE.incrementAndGet() > KEPT) {
      UNKEPT.increment();
      return;
    }
    RESPONSES.add(new ErrorResponse(sentAt, receivedAt, status, retryAfter));
  }

  /** What was kept, in no particular order. */
  public static List<ErrorResponse> all() {
    return List.copyOf(RESPONSES);
  }

  /** Error responses beyond {@link #KEPT}, counted but not kept (a verdict must then not call the run clean). */
  public static long unkept() {
    return UNKEPT.sum();
  }
}
