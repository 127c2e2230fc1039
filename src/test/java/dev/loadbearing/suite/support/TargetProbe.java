package dev.loadbearing.suite.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One request before any load, so that a wrong {@code -DbaseUrl}, a stopped service or a failing health check
 * stops the run with one sentence instead of a report full of connection errors.
 */
final class TargetProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private TargetProbe() {
  }

  /** Throws {@link TargetUnavailableException} unless {@code healthPath} answers 2xx (empty path: TCP connect). */
  static void check(String baseUrl, String healthPath) {
    URI base = URI.create(baseUrl);
    if (healthPath.isEmpty()) {
      connect(base);
      return;
    }
    URI health = URI.create(baseUrl + healthPath);
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new TargetUnavailableException("GET " + health + " answered " + response.statusCode()
            + "; the target is not healthy. Fix the service, or set -Dloadbearing.target.health-path to the path "
            + "that answers 2xx when it is ready (empty: only check that the port accepts connections).");
      }
    } catch (HttpTimeoutException slow) {
      throw new TargetUnavailableException("GET " + health + " did not answer within " + TIMEOUT.toSeconds()
          + " s; is the service up and is this its address?");
    } catch (IOException unreachable) {
      throw new TargetUnavailableException("GET " + health + " failed (" + describe(unreachable)
          + "); is the service running, and is -DbaseUrl its address?");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted while probing " + health);
    }
  }

  private static void connect(URI base) {
    int port = base.getPort() != -1 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), (int) TIMEOUT.toMillis());
    } catch (IOException unreachable) {
      throw new TargetUnavailableException(base.getHost() + ":" + port + " does not accept connections ("
          + describe(unreachable) + "); is the service running, and is -DbaseUrl its address?");
    }
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
