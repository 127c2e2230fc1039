package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.db.DatabaseSettings;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.http.HttpLimits;
import dev.loadbearing.service.support.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Do clients that stop half-way hold the service? Each kind of unfinished request is closed within its timeout,
 * and while 500 of them hang, {@code /health} and a product page still answer in normal time.
 *
 * <p>A service of its own, with timeouts of 4 s (instead of 10 to 30 s) so the test is short, and a bound of
 * {@value #PER_ADDRESS} connections per client address. All test traffic is local, so the stalled connections
 * come from 127.0.0.2 and the measuring client from 127.0.0.1: two clients, as the bound sees them.
 */
class SlowClientsIT {
  private static final int TIMEOUT_MS = 4_000;
  private static final int PER_ADDRESS = 600;
  private static final int STALLED = 500;
  private static final String ATTACKER = "127.0.0.2";
  private static final HttpLimits LIMITS = new HttpLimits(TIMEOUT_MS, TIMEOUT_MS, TIMEOUT_MS, 2 * TIMEOUT_MS,
      2 * TIMEOUT_MS, PER_ADDRESS, 4);
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static ReferenceService service;

  @BeforeAll
  static void start() {
    Properties properties = new Properties();
    properties.setProperty("db.data-root", "target/loadbearing-test-slow");
    DatabaseSettings database = DatabaseSettings.from(new Settings(properties, Map.of()));
    service = ReferenceService.start(new ServiceConfig("127.0.0.1", 0, 400, 1, 8, database, 0.0, 1.0, Faults.NONE,
        LIMITS));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIsClosedWithinTheReadTimeout() {
    assertClosedInTime("POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"name\":\"A", TIMEOUT_MS);
  }

  @Test
  void aChunkWithoutItsLineEndIsClosedWithinTheReadTimeout() {
    assertClosedInTime("POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n1e\r\n{\"name\":\"Acme\"", TIMEOUT_MS);
  }

  @Test
  void aStreamedBodyThatStopsIsClosedWithinTheReadTimeout() {
    assertClosedInTime("POST /api/products/import HTTP/1.1\r\nHost: t\r\nX-Api-Key: lb-enterprise-1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"products\":[", TIMEOUT_MS);
  }

  @Test
  void headersLeftUnfinishedAreClosedWithinTheParseTimeout() {
    assertClosedInTime("GET /api/products HTTP/1.1\r\nHost: t\r\nX-Api-Ke", TIMEOUT_MS);
  }

  @Test
  void aConnectionThatNeverSendsIsClosedByTheReadTimeout() {
    // The read timeout waits for any byte, a first request's included, so it closes before the idle timeout.
    assertClosedInTime("", TIMEOUT_MS);
  }

  @Test
  void aBodyTrickledByteByByteIsCutAtTheBodyDeadline() {
    Socket socket = RawHttp.connect(service.baseUrl(), null);
    long started = System.nanoTime();
    try {
      RawHttp.write(socket, "POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n");
      // One byte each second keeps the read timeout from firing; the body deadline (8 s) still does.
      long closedAfter = -1;
      for (int i = 0; i < 15 && closedAfter < 0; i++) {
        try {
          socket.getOutputStream().write('x');
          socket.getOutputStream().flush();
        } catch (IOException closed) {
          closedAfter = (System.nanoTime() - started) / 1_000_000;
          break;
        }
        closedAfter = RawHttp.millisUntilClosed(socket, started, 1_000);
      }
      System.out.printf("Trickled body (a byte a second) cut after %d ms%n", closedAfter);
      assertThat(closedAfter).as("closed by the body deadline")
          .isBetween(2L * TIMEOUT_MS - 500, 2L * TIMEOUT_MS + 2_000);
    } finally {
      RawHttp.closeQuietly(socket);
    }
  }

  @Test
  void fiveHundredStalledConnectionsDoNotStopOtherClients() throws Exception {
    String key = "lb-enterprise-1";
    Latencies before = probe(key);
    List<Socket> stalled = new ArrayList<>();
    long openedAt = System.nanoTime();
    try {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = RawHttp.connect(service.baseUrl(), ATTACKER);
        stalled.add(socket);
        RawHttp.write(socket, unfinished(i));
      }
      // The bound: the attacker's address holds 500 of its 600; of 150 more (sending nothing, so the refusal is
      // not lost to a reset), the last 50 are answered 429 and closed at once.
      List<Socket> extra = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        extra.add(RawHttp.connect(service.baseUrl(), ATTACKER));
      }
      Thread.sleep(300);
      int refused = 0;
      for (Socket socket : extra) {
        if (socket.getInputStream().available() > 0) {
          RawHttp.Answer answer = RawHttp.read(socket, 500);
          assertThat(answer.status()).as(answer.text()).isEqualTo(429);
          assertThat(answer.body()).contains("\"code\":\"too_many_connections\"");
          refused++;
        }
      }
      stalled.addAll(extra);
      long heldMillis = (System.nanoTime() - openedAt) / 1_000_000;
      Latencies during = probe(key);
      long measuredMillis = (System.nanoTime() - openedAt) / 1_000_000;
      System.out.printf("Stalled connections: %d held from %s (+%d refused with 429 beyond the bound of %d), "
          + "opened in %d ms, probed until %d ms%n", STALLED + 150 - refused, ATTACKER, refused, PER_ADDRESS,
          heldMillis, measuredMillis);
      System.out.println("Before: " + before);
      System.out.println("During: " + during);
      assertThat(refused).as("connections beyond the per-address bound").isBetween(45, 60);
      assertThat(measuredMillis).as("the probe ran while the stalled connections were still held")
          .isLessThan(TIMEOUT_MS);
      // Generous: on two shared cores a normal probe is a few ms; hanging would be seconds.
      assertThat(during.healthMaxMs).isLessThan(1_000);
      assertThat(during.pageMaxMs).isLessThan(1_000);

      long closedIn = 0;
      for (Socket socket : stalled) {
        long millis = RawHttp.millisUntilClosed(socket, openedAt, 3 * TIMEOUT_MS);
        assertThat(millis).as("every stalled connection is closed by the service").isNotNegative();
        closedIn = Math.max(closedIn, millis);
      }
      System.out.printf("All %d stalled connections closed by the service %d ms after they opened%n",
          stalled.size(), closedIn);
      assertThat(closedIn).isLessThan(2L * TIMEOUT_MS + 3_000);
    } finally {
      stalled.forEach(RawHttp::closeQuietly);
    }
  }

  /** Three kinds in turn: unfinished headers, a body shorter than declared, a chunk never finished. */
  private static String unfinished(int i) {
    return switch (i % 3) {
      case 0 -> "GET /api/products HTTP/1.1\r\nHost: t\r\nX-Api-Key: lb-enterprise-1\r\nAcc";
      case 1 -> "POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"name\":\"A";
      default -> "POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n1e\r\n{\"name\":";
    };
  }

  private static void assertClosedInTime(String request, int timeoutMs) {
    Socket socket = RawHttp.connect(service.baseUrl(), null);
    long started = System.nanoTime();
    try {
      if (!request.isEmpty()) {
        RawHttp.write(socket, request);
      }
      long millis = RawHttp.millisUntilClosed(socket, started, timeoutMs + 5_000);
      System.out.printf("%s… closed after %d ms%n", request.isEmpty() ? "(nothing sent)"
          : request.substring(0, request.indexOf(' ', 5)), millis);
      assertThat(millis).as("closed by the service, not left open").isNotNegative()
          .isBetween(timeoutMs - 500L, timeoutMs + 3_000L);
    } finally {
      RawHttp.closeQuietly(socket);
    }
  }

  /** 25 requests each to /health and a product page, one after another from 127.0.0.1. */
  private static Latencies probe(String key) {
    long[] health = new long[25];
    long[] page = new long[25];
    for (int i = 0; i < health.length; i++) {
      health[i] = timed(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health")));
      page[i] = timed(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/products?page=1&size=20"))
          .header("X-Api-Key", key));
    }
    return new Latencies(health, page);
  }

  private static long timed(HttpRequest.Builder request) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return (System.nanoTime() - started) / 1_000;
  }

  /** Microseconds per request; printed as p50, p95 and max in ms. */
  private static final class Latencies {
    final long healthMaxMs;
    final long pageMaxMs;
    private final long[] health;
    private final long[] page;

    Latencies(long[] health, long[] page) {
      this.health = health.clone();
      this.page = page.clone();
      Arrays.sort(this.health);
      Arrays.sort(this.page);
      this.healthMaxMs = this.health[this.health.length - 1] / 1_000;
      this.pageMaxMs = this.page[this.page.length - 1] / 1_000;
    }

    @Override
    public String toString() {
      return "GET /health " + summary(health) + "; GET /api/products " + summary(page);
    }

    private static String summary(long[] micros) {
      return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", micros[micros.length / 2] / 1000.0,
          micros[(int) (micros.length * 0.95)] / 1000.0, micros[micros.length - 1] / 1000.0);
    }
  }
}
