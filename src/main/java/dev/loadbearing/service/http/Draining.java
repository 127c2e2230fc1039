package dev.loadbearing.service.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in flight and, once {@link #refuseNew} is called, answers every new one 503
 * {@code shutting_down} with {@code Retry-After} and closes its connection. Undertow's GracefulShutdownHandler
 * does the same but answers a bare 503 with no body; the service's errors are JSON.
 */
final class Draining implements HttpHandler {
  private static final long POLL_MILLIS = 5;
  private final HttpHandler next;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  Draining(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    // Counted before the flag is read, and the flag is set before the count is awaited: a request is either
    // refused here or waited for by awaitIdle, never neither.
    inFlight.incrementAndGet();
    if (draining) {
      inFlight.decrementAndGet();
      exchange.setPersistent(false);
      ErrorMapping.send(exchange, new ApiException(503, "shutting_down", "The service is shutting down; retry on"
          + " another instance or after it restarts", null, Map.of("Retry-After", "1")));
      return;
    }
    // An answer that leaves while draining closes its connection: the client cannot reuse it for a request that
    // would meet the connection closed without an answer when the threads stop.
    exchange.addResponseCommitListener(committing -> {
      if (draining) {
        committing.setPersistent(false);
      }
    });
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      inFlight.decrementAndGet();
      nextListener.proceed();
    });
    next.handleRequest(exchange);
  }

  /** From now on, every new request is answered 503 {@code shutting_down}. */
  void refuseNew() {
    draining = true;
  }

  /**
   * Waits, at most {@code bound}, until the requests in flight have ended; call after {@link #refuseNew}.
   *
   * @return how many were still in flight when it stopped waiting (0 when all ended)
   */
  int awaitIdle(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return inFlight.get();
  }
}
