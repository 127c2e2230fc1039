package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe against a real HTTP server on loopback: healthy, unhealthy, and nobody listening. */
class TargetProbeTest {
  private HttpServer server;
  private String baseUrl;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/down", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aHealthyTargetPasses() {
    assertThatCode(() -> TargetProbe.check(baseUrl, "/health")).doesNotThrowAnyException();
    assertThatCode(() -> TargetProbe.check(baseUrl, "")).doesNotThrowAnyException();
  }

  @Test
  void aNon2xxHealthCheckStopsTheRunNamingTheStatusAndTheSetting() {
    assertThatThrownBy(() -> TargetProbe.check(baseUrl, "/down"))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessageContaining("GET " + baseUrl + "/down answered 503")
        .hasMessageContaining("loadbearing.target.health-path");
  }

  @Test
  void nobodyListeningSaysConnectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closedPort;
    assertThatThrownBy(() -> TargetProbe.check(nowhere, "/health"))
        .hasMessageContaining("connection refused").hasMessageContaining("-DbaseUrl");
    assertThatThrownBy(() -> TargetProbe.check(nowhere, ""))
        .hasMessageContaining("127.0.0.1:" + closedPort + " does not accept connections (connection refused)");
  }
}
