package dev.loadbearing.service.http;

import dev.loadbearing.service.faults.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.TimeUnit;

/**
 * Routes requests to {@link ApiHandler}s. Each route runs on a worker thread in blocking mode (except those
 * added with {@link #getOnIoThread}), is timed in {@code /metrics} under its route template (never the raw
 * path, so ids do not explode the series), and has its failures turned into JSON errors by
 * {@link ErrorMapping}. Injected {@link Faults}, when on, run in every {@code /api/**} route, inside its
 * timing, as the slow or leaking code they stand for would.
 */
public final class ApiRouter {
  private static final String API_PREFIX = "/api/";
  private final RoutingHandler routes = new RoutingHandler();
  private final MeterRegistry meters;
  private final Faults faults;

  public ApiRouter(MeterRegistry meters) {
    this(meters, Faults.NONE);
  }

  public ApiRouter(MeterRegistry meters, Faults faults) {
    this.meters = meters;
    this.faults = faults;
    routes.setFallbackHandler(exchange -> ErrorMapping.send(exchange,
        new ApiException(404, "no_route", "No endpoint " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
            + "; see docs/API.md for the list")));
    routes.setInvalidMethodHandler(exchange -> ErrorMapping.send(exchange,
        new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not supported on "
            + exchange.getRequestPath())));
  }

  public ApiRouter get(String template, ApiHandler handler) {
    return add(Methods.GET, template, handler);
  }

  /** A GET whose handler never blocks (no database, no sleeping): answered on the I/O thread, no hand-off. */
  public ApiRouter getOnIoThread(String template, ApiHandler handler) {
    routes.add(Methods.GET, template, new Endpoint("GET " + template, handler, false, false));
    return this;
  }

  public ApiRouter post(String template, ApiHandler handler) {
    return add(Methods.POST, template, handler);
  }

  public ApiRouter put(String template, ApiHandler handler) {
    return add(Methods.PUT, template, handler);
  }

  public ApiRouter patch(String template, ApiHandler handler) {
    return add(Methods.PATCH, template, handler);
  }

  public HttpHandler handler() {
    return routes;
  }

  private ApiRouter add(HttpString method, String template, ApiHandler handler) {
    boolean faulty = faults.any() && template.startsWith(API_PREFIX);
    routes.add(method, template, new Endpoint(method + " " + template, handler, true, faulty));
    return this;
  }

  private final class Endpoint implements HttpHandler {
    private final String route;
    private final ApiHandler handler;
    private final boolean blocking;
    /** Runs the injected faults first; only ever on a worker thread. */
    private final boolean faulty;
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    Endpoint(String route, ApiHandler handler, boolean blocking, boolean faulty) {
      this.route = route;
      this.handler = handler;
      this.blocking = blocking;
      this.faulty = faulty;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
      if (blocking) {
        if (exchange.isInIoThread()) {
          exchange.dispatch(this);
          return;
        }
        exchange.startBlocking();
      }
      long start = System.nanoTime();
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
