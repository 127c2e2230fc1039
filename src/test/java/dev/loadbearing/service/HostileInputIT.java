package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.RawHttp;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an attacker or a broken client sends gets a 4xx in the JSON error shape, never a 500 or a stack trace:
 * malformed multipart headers, too many parts, bodies not declared as JSON, bodies over a route's limit,
 * millions of tiny items, broken chunks. Slow and stalled clients are in {@link SlowClientsIT}.
 */
class HostileInputIT {
  private static final String LOGO = "/api/tenant/logo";
  private final Http tenant = TestService.newTenant();
  private final String baseUrl = TestService.get().baseUrl();

  @Test
  void aMultipartContentTypeWithAnEmptyBoundaryIs400NotA500() {
    Response refused = tenant.postBytes(LOGO, "multipart/form-data; boundary=", ascii(logoForm("x", "")));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("malformed_multipart");
    Response quotedEmpty = tenant.postBytes(LOGO, "multipart/form-data; boundary=\"\"", ascii(logoForm("x", "")));
    assertThat(quotedEmpty.status()).as(quotedEmpty.toString()).isEqualTo(400);
  }

  @Test
  void aFormOfMoreThanAThousandPartsIs413() {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < 1_001; i++) {
      form.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
    }
    form.append("--b--\r\n");
    Response refused = tenant.postBytes(LOGO, "multipart/form-data; boundary=b", ascii(form.toString()));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
    assertThat(refused.errorCode()).isEqualTo("too_many_parts");
  }

  @Test
  void aPartInAnUnknownCharsetIs400() {
    String form = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n"
        + "Content-Type: text/plain; charset=no-such-charset\r\n\r\nhello\r\n" + logoForm("b", "image/png");
    Response refused = tenant.postBytes(LOGO, "multipart/form-data; boundary=b", ascii(form));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("malformed_multipart");
    Response illegal = tenant.postBytes(LOGO, "multipart/form-data; boundary=b",
        ascii(form.replace("no-such-charset", "@@@")));
    assertThat(illegal.status()).as(illegal.toString()).isEqualTo(400);
  }

  @Test
  void anExtendedFileNameOutsideRfc5987Is400AndOneInsideIsAccepted() {
    String broken = "--b\r\nContent-Disposition: form-data; name=\"logo\"; filename*=x\r\n"
        + "Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n";
    Response refused = tenant.postBytes(LOGO, "multipart/form-data; boundary=b", ascii(broken));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("malformed_multipart");
    Response unknownCharset = tenant.postBytes(LOGO, "multipart/form-data; boundary=b",
        ascii(broken.replace("filename*=x", "filename*=bogus''x.png")));
    assertThat(unknownCharset.status()).as(unknownCharset.toString()).isEqualTo(400);
    Response accepted = tenant.postBytes(LOGO, "multipart/form-data; boundary=b",
        ascii(broken.replace("filename*=x", "filename*=UTF-8''logo%20one.png")));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.json().get("bytes").asInt()).isEqualTo(3);
  }

  @Test
  void jsonRoutesRefuseBodiesNotDeclaredAsJsonWith415() {
    String signup = "{\"name\":\"Acme\",\"tier\":\"free\"}";
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
        "application/jsonp")) {
      Response refused = tenant.postBytes("/api/tenants", type, ascii(signup));
      assertThat(refused.status()).as(type + ": " + refused).isEqualTo(415);
      assertThat(refused.errorCode()).isEqualTo("unsupported_media_type");
    }
    RawHttp.Answer untyped = RawHttp.send(baseUrl, "POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Length: "
        + signup.length() + "\r\nConnection: close\r\n\r\n" + signup, 5_000);
    assertThat(untyped.status()).as(untyped.text()).isEqualTo(415);
    assertThat(tenant.postBytes("/api/tenants", "Application/JSON; charset=UTF-8", ascii(signup)).status())
        .isEqualTo(201);
  }

  @Test
  void aBodyOverTheRouteLimitIs413WhetherDeclaredOrChunked() {
    String large = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"tier\":\"free\"}";
    Response declared = tenant.post("/api/tenants", large);
    assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
    assertThat(declared.errorCode()).isEqualTo("body_too_large");
    RawHttp.Answer chunked = RawHttp.send(baseUrl, "POST /api/tenants HTTP/1.1\r\nHost: t\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(large.length()) + "\r\n" + large + "\r\n0\r\n\r\n", 5_000);
    assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
    assertThat(chunked.body()).contains("\"code\":\"body_too_large\"");
  }

  @Test
  void anImportOfMillionsOfEmptyObjectsIsRefusedWhileItStreams() {
    StringBuilder builder = new StringBuilder(8 * 1024 * 1024).append("{\"products\":[{}");
    while (builder.length() < 8 * 1024 * 1024 - 16) {
      builder.append(",{}");
    }
    String body = builder.append("]}").toString();
    // Every thread of this JVM (the service runs in it) together: the client's copy of the 8 MiB included.
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getTotalThreadAllocatedBytes();
    long started = System.nanoTime();
    Response refused = tenant.post("/api/products/import", body);
    long millis = (System.nanoTime() - started) / 1_000_000;
    long allocatedMb = (threads.getTotalThreadAllocatedBytes() - allocatedBefore) / (1024 * 1024);
    System.out.printf("Import of %,d empty objects (%,d bytes): %d %s in %d ms, %d MB allocated in the JVM%n",
        (body.length() - 14) / 3, body.length(), refused.status(), refused.errorCode(), millis, allocatedMb);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
    assertThat(refused.errorCode()).isEqualTo("too_many_values");
    // Parsing it all would be ~2.8 million records (~100 MB) before any limit; refused early it is the body's copies.
    assertThat(allocatedMb).isLessThan(64);
  }

  @Test
  void badChunkSizesAreRefusedWithoutAStackTraceInTheLog() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      for (String size : List.of("zz", "-1", "ffffffffffffffffff")) {
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(baseUrl, "POST /api/tenants HTTP/1.1\r\nHost: t\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n"
            + "{\"name\":\"Acme\",\"tier\":\"free\"}\r\n0\r\n\r\n", 5_000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Chunk size %s: status %d after %d ms%n", size, answer.status(), millis);
        assertThat(millis).as("answered or closed, not left hanging").isLessThan(4_000);
        assertThat(answer.status()).as(size + ": " + answer.text()).isIn(0, 400);
        if (answer.status() == 400) {
          assertThat(answer.body()).startsWith("{\"error\":");
        }
      }
    } finally {
      root.detachAppender(log);
    }
    // What the service's log shows at its level (INFO): Undertow's own DEBUG lines about the closed connection
    // carry the IOException and are not what the issue saw (a UT005071 stack trace for every such request).
    assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
        .noneMatch(event -> event.getFormattedMessage().contains("UT005071") || event.getThrowableProxy() != null);
    assertThat(log.list).noneMatch(event -> event.getFormattedMessage().contains("UT005071"));
  }

  @Test
  void malformedFramingIsRefusedOrClosedNeverA500() {
    String json = "{\"name\":\"Acme\",\"tier\":\"free\"}";
    for (String framing : List.of("Content-Length: abc", "Content-Length: -1", "Content-Length: 1, 2",
        "Content-Length: 99999999999999999999", "Content-Length: 5\r\nContent-Length: 6",
        "Transfer-Encoding: gzip", "Transfer-Encoding: chunked\r\nContent-Length: 5")) {
      long started = System.nanoTime();
      RawHttp.Answer answer = RawHttp.send(baseUrl, "POST /api/tenants HTTP/1.1\r\nHost: t\r\n"
          + "Content-Type: application/json\r\n" + framing + "\r\nConnection: close\r\n\r\n" + json, 5_000);
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("%s: status %d after %d ms%n", framing.replace("\r\n", " + "), answer.status(), millis);
      assertThat(millis).as(framing + ": answered or closed, not left hanging").isLessThan(4_000);
      assertThat(answer.status()).as(framing + ": " + answer.text()).isLessThan(500);
    }
  }

  @Test
  void headersOverTheLimitGetABare400AndAClose() {
    RawHttp.Answer answer = RawHttp.send(baseUrl, "GET /health HTTP/1.1\r\nHost: t\r\nX-Pad: "
        + "x".repeat(40 * 1024) + "\r\n\r\n", 5_000);
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
  }

  private static String logoForm(String boundary, String type) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n"
        + "Content-Type: " + type + "\r\n\r\nPNG\r\n--" + boundary + "--\r\n";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
