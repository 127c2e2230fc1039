package dev.loadbearing.service.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * An Undertow HTTP/1.1 listener assembled as {@code Undertow.start()} does, with one addition the builder has
 * no hook for: {@link ConnectionsPerAddress} sees every connection as it is accepted. The timeouts of
 * {@link HttpLimits} are set as Undertow's read/write socket options and its parse and no-request timeouts.
 */
public final class HttpServer implements AutoCloseable {
  /** The largest body any route accepts; routes set their own smaller limits (see {@link ApiRouter}). */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
  /** Request line and headers; Undertow's default (1 MiB) would let each stalled connection grow that large. */
  public static final int MAX_HEADER_BYTES = 32 * 1024;
  private static final int BUFFER_BYTES = 16 * 1024;
  private static final long STOP_MILLIS = 5_000;
  /** How long {@link #close} lets requests in flight finish before the threads are stopped (docs/API.md). */
  public static final Duration DRAIN = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final XnioWorker worker;
  private final AcceptingChannel<StreamConnection> channel;
  private final int port;
  private final Draining draining;

  private HttpServer(XnioWorker worker, AcceptingChannel<StreamConnection> channel, int port, Draining draining) {
    this.worker = worker;
    this.channel = channel;
    this.port = port;
    this.draining = draining;
  }

  public static HttpServer start(String host, int port, HttpHandler root, HttpLimits limits, MeterRegistry meters) {
    int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
    // Undertow's own defaults: eight workers per I/O thread (16 on two cores).
    int workerThreads = ioThreads * 8;
    XnioWorker worker = null;
    try {
      worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, ioThreads)
          .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
          .set(Options.CONNECTION_LOW_WATER, 1_000_000)
          .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
          .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
          .set(Options.TCP_NODELAY, true)
          .set(Options.CORK, true)
          .getMap());
      OptionMap socketOptions = OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, ioThreads)
          .set(Options.TCP_NODELAY, true)
          .set(Options.REUSE_ADDRESSES, true)
          .set(Options.BALANCING_TOKENS, 1)
          .set(Options.BALANCING_CONNECTIONS, 2)
          .set(Options.BACKLOG, 1000)
          .set(Options.READ_TIMEOUT, limits.readTimeoutMs())
          .set(Options.WRITE_TIMEOUT, limits.writeTimeoutMs())
          .getMap();
      OptionMap serverOptions = OptionMap.builder()
          .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
          .set(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
          .set(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
          .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.requestParseTimeoutMs())
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, limits.idleTimeoutMs())
          .getMap();
      HttpOpenListener http = new HttpOpenListener(new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4),
          serverOptions);
      Draining draining = new Draining(root);
      http.setRootHandler(draining);
      ConnectionsPerAddress bounded = new ConnectionsPerAddress(http, limits.maxConnectionsPerAddress(), meters);
      AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(
          new InetSocketAddress(InetAddress.getByName(host), port), ChannelListeners.openListenerAdapter(bounded),
          socketOptions);
      channel.resumeAccepts();
      int bound = channel.getLocalAddress(InetSocketAddress.class).getPort();
      return new HttpServer(worker, channel, bound, draining);
    } catch (IOException failed) {
      if (worker != null) {
        worker.shutdownNow();
      }
      throw new UncheckedIOException("Could not listen on " + host + ":" + port + ": " + failed.getMessage(), failed);
    }
  }

  public int port() {
    return port;
  }

  /**
   * Graceful: new connections are refused (the listening socket is closed) and new requests on open connections
   * answered 503 {@code shutting_down}; requests in flight get up to {@link #DRAIN} to finish and send their
   * answers; then the threads are stopped, which closes the connections left.
   */
  @Override
  public void close() {
    long started = System.nanoTime();
    // Refusing first: once a client finds the listener closed, no new request of its runs any more.
    draining.refuseNew();
    IoUtils.safeClose(channel);
    int left = draining.awaitIdle(DRAIN);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (left > 0) {
      LOG.warn("{} request(s) still in flight after {} ms; stopping anyway", left, millis);
    } else {
      LOG.info("Requests in flight finished {} ms after the listener closed", millis);
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
