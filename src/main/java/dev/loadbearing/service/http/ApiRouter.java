package dev.loadbearing.service.http;

import dev.loadbearing.service.faults.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Routes requests to {@link ApiHandler}s. Each route runs on a worker thread in blocking mode (except those
 * added with {@link #getOnIoThread}), is timed in {@code /metrics} under its route template (never the raw
 * path, so ids do not explode the series), and has its failures turned into JSON errors by
 * {@link ErrorMapping}. Injected {@link Faults}, when on, run in every {@code /api/**} route, inside its
 * timing, as the slow or leaking code they stand for would.
 *
 * <p>Request bodies are bounded per route. A small body ({@link #SMALL_BODY_BYTES}) is read whole on the I/O
 * thread before a worker is taken, so a client that stalls mid-body holds a connection, never a worker. The
 * large bodies of routes added with {@link #postStreamed} are parsed as they arrive on a worker, and only
 * {@link HttpLimits#maxStreamedBodies} at once. A declared Content-Length over the limit is refused with 413
 * before a byte of the body is read.
 */
public final class ApiRouter {
  /** The body limit of every route not added with {@link #postStreamed}: JSON bodies are small. */
  public static final long SMALL_BODY_BYTES = 64 * 1024;
  private static final String API_PREFIX = "/api/";
  private final RoutingHandler routes = new RoutingHandler();
  private final MeterRegistry meters;
  private final Faults faults;
  private final Semaphore streamedBodies;
  private final long bodyTimeoutMs;

  public ApiRouter(MeterRegistry meters) {
    this(meters, Faults.NONE, HttpLimits.DEFAULTS);
  }

  public ApiRouter(MeterRegistry meters, Faults faults, HttpLimits limits) {
    this.meters = meters;
    this.faults = faults;
    this.streamedBodies = new Semaphore(limits.maxStreamedBodies());
    this.bodyTimeoutMs = limits.bodyTimeoutMs();
    routes.setFallbackHandler(exchange -> ErrorMapping.send(exchange,
        new ApiException(404, "no_route", "No endpoint " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
            + "; see docs/API.md for the list")));
    routes.setInvalidMethodHandler(exchange -> ErrorMapping.send(exchange,
        new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not supported on "
            + exchange.getRequestPath())));
  }

  public ApiRouter get(String template, ApiHandler handler) {
    return add(Methods.GET, template, handler, Body.SMALL, SMALL_BODY_BYTES);
  }

  /** A GET whose handler never blocks (no database, no sleeping): answered on the I/O thread, no hand-off. */
  public ApiRouter getOnIoThread(String template, ApiHandler handler) {
    routes.add(Methods.GET, template, new Endpoint("GET " + template, handler, Body.NONE, SMALL_BODY_BYTES, false));
    return this;
  }

  public ApiRouter post(String template, ApiHandler handler) {
    return add(Methods.POST, template, handler, Body.SMALL, SMALL_BODY_BYTES);
  }

  /**
   * A POST whose body may be up to {@code maxBodyBytes} (at most {@link HttpServer#MAX_BODY_BYTES}): parsed while
   * it arrives, on a worker thread, so its memory stays bounded by what the handler keeps.
   */
  public ApiRouter postStreamed(String template, long maxBodyBytes, ApiHandler handler) {
    return add(Methods.POST, template, handler, Body.STREAMED, Math.min(maxBodyBytes, HttpServer.MAX_BODY_BYTES));
  }

  public ApiRouter put(String template, ApiHandler handler) {
    return add(Methods.PUT, template, handler, Body.SMALL, SMALL_BODY_BYTES);
  }

  public ApiRouter patch(String template, ApiHandler handler) {
    return add(Methods.PATCH, template, handler, Body.SMALL, SMALL_BODY_BYTES);
  }

  public HttpHandler handler() {
    return routes;
  }

  private ApiRouter add(HttpString method, String template, ApiHandler handler, Body body, long maxBodyBytes) {
    boolean faulty = faults.any() && template.startsWith(API_PREFIX);
    routes.add(method, template, new Endpoint(method + " " + template, handler, body, maxBodyBytes, faulty));
    return this;
  }

  /** How a route's request body reaches its handler. */
  private enum Body {
    /** Answered on the I/O thread; a body, if any, is never read. */
    NONE,
    /** Read whole on the I/O thread, then the handler runs on a worker. */
    SMALL,
    /** Read by the handler on a worker as it arrives. */
    STREAMED
  }

  private final class Endpoint implements HttpHandler {
    private final String route;
    private final ApiHandler handler;
    private final Body body;
    private final long maxBodyBytes;
    /** Runs the injected faults first; only ever on a worker thread. */
    private final boolean faulty;
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    Endpoint(String route, ApiHandler handler, Body body, long maxBodyBytes, boolean faulty) {
      this.route = route;
      this.handler = handler;
      this.body = body;
      this.maxBodyBytes = maxBodyBytes;
      this.faulty = faulty;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
      long start = System.nanoTime();
      if (body != Body.NONE && exchange.isInIoThread()) {
        if (unframed(exchange)) {
          // Without chunked last, Undertow would read the body until the client closes: refuse at once.
          exchange.setPersistent(false);
          refuse(exchange, start, new ApiException(400, "bad_transfer_encoding", "Transfer-Encoding must end with "
              + "chunked, or be left out for a Content-Length body (RFC 9112); the body length cannot be known"));
        } else if (declaredLength(exchange) > maxBodyBytes) {
          // Undertow drains the unread body after the answer (up to its global limit, else it closes).
          refuse(exchange, start, tooLarge());
        } else if (body == Body.SMALL) {
          receive(exchange, start);
        } else {
          exchange.setMaxEntitySize(maxBodyBytes);
          exchange.dispatch(this);
        }
        return;
      }
      if (body == Body.STREAMED) {
        if (!streamedBodies.tryAcquire()) {
          refuse(exchange, start, new ApiException(503, "busy", "Too many large uploads are in progress; retry later",
              null, Map.of("Retry-After", "1")));
          return;
        }
        try {
          run(exchange, start);
        } finally {
          streamedBodies.release();
        }
        return;
      }
      run(exchange, start);
    }

    private void run(HttpServerExchange exchange, long start) {
      if (body != Body.NONE) {
        exchange.startBlocking();
      }
      int status;
      try {
        if (faulty) {
          faults.inject();
        }
        Reply reply = handler.handle(exchange);
        status = reply.status();
        send(exchange, reply);
      } catch (Throwable failure) {
        ApiException error = ErrorMapping.toApiException(failure);
        status = error.status();
        ErrorMapping.send(exchange, error);
      }
      timer(status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** Reads the whole body on the I/O thread, then runs the route on a worker; a trickle is cut at the deadline. */
    private void receive(HttpServerExchange exchange, long start) {
      if (exchange.isRequestComplete()) {
        // No body (a GET, Content-Length: 0): nothing to wait for.
        exchange.dispatch(this);
        return;
      }
      XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(
          () -> IoUtils.safeClose(exchange.getConnection()), bodyTimeoutMs, TimeUnit.MILLISECONDS);
      Receiver receiver = exchange.getRequestReceiver();
      // The receiver's own bound, not the exchange's: over it, the connection stays open for the 413.
      receiver.setMaxBufferSize((int) maxBodyBytes);
      receiver.receiveFullBytes(
          (received, bytes) -> {
            deadline.remove();
            Json.attachBody(received, bytes);
            received.dispatch(this);
          },
          (failed, error) -> {
            deadline.remove();
            refuse(failed, start, ErrorMapping.unreadableBody(error));
          });
    }

    private void refuse(HttpServerExchange exchange, long start, ApiException error) {
      ErrorMapping.send(exchange, error);
      timer(error.status()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The request's Content-Length, or -1 when it has none (chunked, or no body). */
    private long declaredLength(HttpServerExchange exchange) {
      String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
      try {
        return length == null ? -1 : Long.parseLong(length.strip());
      } catch (NumberFormatException malformed) {
        // Undertow's parser refuses such a request before any handler; kept as unknown if one gets through.
        return -1;
      }
    }

    /** A Transfer-Encoding whose last coding is not chunked (gzip alone, say): a body with no known end. */
    private boolean unframed(HttpServerExchange exchange) {
      String codings = exchange.getRequestHeaders().getLast(Headers.TRANSFER_ENCODING);
      if (codings == null) {
        return false;
      }
      String[] each = codings.split(",", -1);
      return !"chunked".equalsIgnoreCase(each[each.length - 1].strip());
    }

    private ApiException tooLarge() {
      return new ApiException(413, "body_too_large", "The request body is larger than the " + maxBodyBytes
          + " bytes " + route + " accepts");
    }

    /** Registering a Timer is a lookup with several allocations; a hot route reuses the one per status. */
    private Timer timer(int status) {
      Timer timer = timers.get(status);
      if (timer == null) {
        timer = timers.computeIfAbsent(status, code -> Timer.builder("http_server_requests")
            .description("Requests handled, by route template and status")
            .tag("route", route)
            .tag("status", Integer.toString(code))
            .publishPercentileHistogram()
            .register(meters));
      }
      return timer;
    }

    private void send(HttpServerExchange exchange, Reply reply) throws Exception {
      if (reply.body() instanceof String text) {
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      } else {
        Json.write(exchange, reply.status(), reply.body());
      }
    }
  }
}
