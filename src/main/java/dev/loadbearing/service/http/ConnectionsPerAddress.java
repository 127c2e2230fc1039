package dev.loadbearing.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * Admits a new connection only while its client address holds fewer than the bound; one more is answered 429
 * {@code too_many_connections} and closed before any of its bytes is read. Counted at accept time, so clients
 * that never finish a request line count too. Closed connections are forgotten lazily: at the next connection
 * from their address, and in a sweep of every address each {@link #SWEEP_EVERY} connections.
 */
final class ConnectionsPerAddress implements ChannelListener<StreamConnection> {
  private static final int SWEEP_EVERY = 4_096;
  private static final byte[] REFUSAL = refusal();

  private final ChannelListener<? super StreamConnection> next;
  private final int max;
  private final Map<InetAddress, List<StreamConnection>> open = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final Counter refused;

  ConnectionsPerAddress(ChannelListener<? super StreamConnection> next, int max, MeterRegistry meters) {
    this.next = next;
    this.max = max;
    this.refused = Counter.builder("http_connections_refused")
        .description("Connections closed at once because their client address held the most allowed")
        .register(meters);
  }

  @Override
  public void handleEvent(StreamConnection connection) {
    if (max <= 0 || admit(connection)) {
      next.handleEvent(connection);
      return;
    }
    refused.increment();
    try {
      connection.getSinkChannel().write(ByteBuffer.wrap(REFUSAL));
      connection.getSinkChannel().flush();
    } catch (IOException gone) {
      // the client left already; closing is all there is to do
    }
    IoUtils.safeClose(connection);
  }

  private boolean admit(StreamConnection connection) {
    if (accepted.incrementAndGet() % SWEEP_EVERY == 0) {
      open.keySet().forEach(address -> open.computeIfPresent(address, (key, held) -> prune(held)));
    }
    if (!(connection.getPeerAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null) {
      return true;
    }
    boolean[] admitted = new boolean[1];
    open.compute(peer.getAddress(), (key, held) -> {
      List<StreamConnection> live = held == null ? new ArrayList<>() : prune(held);
      if (live == null) {
        live = new ArrayList<>();
      }
      synchronized (live) {
        if (live.size() < max) {
          live.add(connection);
          admitted[0] = true;
        }
        return live.isEmpty() ? null : live;
      }
    });
    return admitted[0];
  }

  /** The list without its closed connections, or null when none is left (which removes the address). */
  private static List<StreamConnection> prune(List<StreamConnection> held) {
    synchronized (held) {
      held.removeIf(connection -> !connection.isOpen());
      return held.isEmpty() ? null : held;
    }
  }

  private static byte[] refusal() {
    String body = "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"This client address holds the most "
        + "connections the service allows at once; reuse one or retry later\"}}";
    return ("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
        + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
