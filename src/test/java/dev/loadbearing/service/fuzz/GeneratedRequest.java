package dev.loadbearing.service.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request as it goes on the wire: always well framed (an exact Content-Length, or correct chunks), so that
 * whatever the service answers is its answer to the content, not to broken HTTP (that is {@code HostileInputIT}'s).
 *
 * @param route the route template it was generated for, e.g. {@code POST /api/products/{id}/stock}, to count by
 */
record GeneratedRequest(String route, String method, String target, List<Map.Entry<String, String>> headers,
                        byte[] body, boolean chunked) {
  /** A % not followed by two hex digits: not a URI (RFC 3986, pct-encoded). */
  private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /**
   * Whether the request target is not a URI at all; Undertow's parser refuses such a request line with a bare 400
   * before any handler runs, as it does a header block over its limit (docs/API.md, Limits and timeouts).
   */
  boolean malformedTarget() {
    return MALFORMED_ESCAPE.matcher(target).find();
  }

  byte[] wire() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n\r\n");
      wire.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      int half = body.length / 2;
      chunk(wire, body, 0, half);
      chunk(wire, body, half, body.length);
      wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    } else {
      if (body.length > 0 || !method.equals("GET")) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      wire.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      wire.writeBytes(body);
    }
    return wire.toByteArray();
  }

  /** What a failure message shows: the request line, the headers and the start of the body. */
  String describe() {
    StringBuilder text = new StringBuilder(method).append(' ').append(target).append(chunked ? " (chunked)" : "");
    headers.forEach(header -> text.append("\n  ").append(header.getKey()).append(": ").append(header.getValue()));
    String start = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return text.append("\n  body (").append(body.length).append(" bytes): ").append(start).toString();
  }

  private static void chunk(ByteArrayOutputStream wire, byte[] body, int from, int to) {
    if (to > from) {
      wire.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      wire.write(body, from, to - from);
      wire.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
