package dev.loadbearing.service.http;

import dev.loadbearing.service.Settings;

/**
 * How long the HTTP server waits for a client and how many connections one client address may hold; read
 * once at start, documented in docs/API.md ("Limits and timeouts"). A stalled client costs a connection and a
 * buffer, never a worker thread (bodies are read before a worker is taken, see {@link ApiRouter}); these
 * bounds make even that cost end.
 *
 * @param readTimeoutMs           a connection with no byte arriving for this long while the server waits for one
 *                                (request headers, body, a chunk) is closed
 * @param writeTimeoutMs          a client that reads none of a response for this long has its connection closed
 * @param requestParseTimeoutMs   the request line and headers must have arrived this long after their first byte
 * @param idleTimeoutMs           a kept-alive connection with no new request for this long is closed (the read
 *                                timeout, also waiting for bytes, closes it first when shorter)
 * @param bodyTimeoutMs           a small body (see {@link ApiRouter#SMALL_BODY_BYTES}) must have arrived whole this
 *                                long after its headers, however it trickles; its connection is closed otherwise
 * @param maxConnectionsPerAddress open connections one client IP address may hold; one more is answered 429
 *                                and closed at once; 0 = no bound
 * @param maxStreamedBodies       requests at once on the routes whose large bodies are read on a worker thread
 *                                (import, logo); one more is answered 503 with Retry-After
 */
public record HttpLimits(int readTimeoutMs, int writeTimeoutMs, int requestParseTimeoutMs, int idleTimeoutMs,
                         int bodyTimeoutMs, int maxConnectionsPerAddress, int maxStreamedBodies) {
  /** The values used unless configured; a load generator on one address may open thousands of connections. */
  public static final HttpLimits DEFAULTS = new HttpLimits(30_000, 30_000, 10_000, 30_000, 30_000, 4_096, 4);

  private static final int MAX_TIMEOUT_MS = 3_600_000;

  public static HttpLimits from(Settings settings) {
    return new HttpLimits(
        settings.intInRange("http.read-timeout-ms", DEFAULTS.readTimeoutMs(), 100, MAX_TIMEOUT_MS),
        settings.intInRange("http.write-timeout-ms", DEFAULTS.writeTimeoutMs(), 100, MAX_TIMEOUT_MS),
        settings.intInRange("http.request-parse-timeout-ms", DEFAULTS.requestParseTimeoutMs(), 100, MAX_TIMEOUT_MS),
        settings.intInRange("http.idle-timeout-ms", DEFAULTS.idleTimeoutMs(), 100, MAX_TIMEOUT_MS),
        settings.intInRange("http.body-timeout-ms", DEFAULTS.bodyTimeoutMs(), 100, MAX_TIMEOUT_MS),
        settings.intInRange("http.max-connections-per-address", DEFAULTS.maxConnectionsPerAddress(), 0, 1_000_000),
        settings.intInRange("http.max-streamed-bodies", DEFAULTS.maxStreamedBodies(), 1, 1_000));
  }
}
