package dev.loadbearing.service.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link GeneratedRequest} on its own connection ({@code Connection: close}, so the answer ends where the
 * stream does) and reads the answer within a deadline: a server that hangs fails the case, never the build.
 * Written on a socket because java.net.http refuses some of the methods and headers generated.
 */
final class WireClient {
  private final InetSocketAddress server;
  private final int deadlineMs;

  WireClient(InetSocketAddress server, int deadlineMs) {
    this.server = server;
    this.deadlineMs = deadlineMs;
  }

  /**
   * The final answer (an interim 100 Continue skipped); status 0 when the server closed without one, -1 when
   * nothing came within the deadline.
   */
  Answer send(GeneratedRequest request) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(server, deadlineMs);
      try {
        socket.getOutputStream().write(request.wire());
        socket.getOutputStream().flush();
      } catch (IOException refusedMidBody) {
        // The server may answer (a 413, say) and close before it reads all of the body: read that answer.
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean timedOut = readUntilClosed(socket, start, received);
      long millis = (System.nanoTime() - start) / 1_000_000;
      Answer answer = Answer.parse(received.toByteArray(), millis);
      return timedOut && answer.status() == 0 ? new Answer(-1, Map.of(), new byte[0], millis) : answer;
    }
  }

  private boolean readUntilClosed(Socket socket, long start, ByteArrayOutputStream received) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[16_384];
    try {
      while (true) {
        long left = deadlineMs - (System.nanoTime() - start) / 1_000_000;
        if (left <= 0) {
          return true;
        }
        socket.setSoTimeout((int) left);
        int n = in.read(buffer);
        if (n < 0) {
          return false;
        }
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException late) {
      return true;
    } catch (IOException reset) {
      // A reset after the answer: what arrived is the answer.
      return false;
    }
  }

  /** The status, headers (names in lower case) and body of an answer. */
  record Answer(int status, Map<String, String> headers, byte[] body, long millis) {

    static Answer parse(byte[] bytes, long millis) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      // Skip interim answers (100 Continue) to the final one.
      while (headEnd >= 0 && text.startsWith("HTTP/1.1 1")) {
        text = text.substring(headEnd + 4);
        headEnd = text.indexOf("\r\n\r\n");
      }
      if (headEnd < 0 || !text.startsWith("HTTP/1.1 ") || text.length() < 12) {
        return new Answer(0, Map.of(), new byte[0], millis);
      }
      Map<String, String> headers = new HashMap<>();
      String[] lines = text.substring(0, headEnd).split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
              .strip());
        }
      }
      byte[] rest = text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
      byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
      return new Answer(Integer.parseInt(text.substring(9, 12)), headers, body, millis);
    }

    private static byte[] dechunk(byte[] chunked) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String text = new String(chunked, StandardCharsets.ISO_8859_1);
      int at = 0;
      while (true) {
        int lineEnd = text.indexOf("\r\n", at);
        if (lineEnd < 0) {
          break;
        }
        int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
        if (size == 0 || lineEnd + 2 + size > chunked.length) {
          break;
        }
        body.write(chunked, lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
      }
      return body.toByteArray();
    }

    @Override
    public String toString() {
      String start = new String(Arrays.copyOf(body, Math.min(body.length, 300)), StandardCharsets.UTF_8);
      return status + " in " + millis + " ms " + headers + " " + start;
    }
  }
}
