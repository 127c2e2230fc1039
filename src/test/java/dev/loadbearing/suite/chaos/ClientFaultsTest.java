package dev.loadbearing.suite.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults a user's own tooling carries out: real shell commands, real HTTP over loopback. */
class ClientFaultsTest {
  @TempDir
  Path dir;

  @Test
  void aCommandFaultRunsItsBeginAndEndCommands() throws Exception {
    Path log = dir.resolve("log");
    CommandFault fault = new CommandFault("echo begin >> " + log, "echo end >> " + log, Duration.ofSeconds(10));
    fault.begin();
    fault.end();
    assertThat(Files.readAllLines(log)).containsExactly("begin", "end");
  }

  @Test
  void aCommandThatFailsOrHangsIsAnErrorNamingIt() {
    assertThatThrownBy(() -> new CommandFault("exit 3", "", Duration.ofSeconds(10)).begin())
        .isInstanceOf(IOException.class).hasMessage("command 'exit 3' exited with 3");
    assertThatThrownBy(() -> new CommandFault("sleep 30", "", Duration.ofMillis(200)).begin())
        .isInstanceOf(IOException.class).hasMessage("command 'sleep 30' did not finish within 200 ms; killed");
  }

  @Test
  void aUrlFaultPostsToItsUrlsAndFailsOnANon2xxAnswer() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      int status = exchange.getRequestURI().getPath().equals("/broken") ? 500 : 204;
      byte[] body = status == 500 ? "no such fault".getBytes() : new byte[0];
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      UrlFault fault = new UrlFault(base + "/stall/begin", base + "/stall/end", Duration.ofSeconds(5));
      fault.begin();
      fault.end();
      assertThat(calls).containsExactly("POST /stall/begin", "POST /stall/end");
      assertThatThrownBy(() -> new UrlFault(base + "/broken", "", Duration.ofSeconds(5)).begin())
          .isInstanceOf(IOException.class).hasMessage("POST " + base + "/broken answered 500: no such fault");
    } finally {
      server.stop(0);
    }
  }
}
