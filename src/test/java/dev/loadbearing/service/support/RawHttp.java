package dev.loadbearing.service.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand on a {@link Socket}, for what no well-behaved client sends: bodies shorter than their
 * Content-Length, broken chunks, requests left unfinished. The server's answer is read as it comes.
 */
public final class RawHttp {
  private RawHttp() {
  }

  /** What came back: the status (0 when the server closed without answering) and the raw text. */
  public record Answer(int status, String text) {
    public String body() {
      int start = text.indexOf("\r\n\r\n");
      return start < 0 ? "" : text.substring(start + 4);
    }

    /** The first value of the header {@code name}, or null. */
    public String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : text.split("\r\n")) {
        if (line.isEmpty()) {
          break;
        }
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return line.substring(prefix.length()).strip();
        }
      }
      return null;
    }
  }

  /** A connection from {@code localAddress} (e.g. 127.0.0.2, another client on this machine) to the service. */
  public static Socket connect(String baseUrl, String localAddress) {
    URI uri = URI.create(baseUrl);
    Socket socket = new Socket();
    try {
      if (localAddress != null) {
        socket.bind(new InetSocketAddress(localAddress, 0));
      }
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      return socket;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code requests} pipelined on one kept-alive connection from {@code localAddress} and reads one answer
   * (headers and a Content-Length body) for each, in order; fails when the server closes before the last.
   */
  public static List<Answer> pipeline(String baseUrl, String localAddress, List<String> requests, int waitMs) {
    try (Socket socket = connect(baseUrl, localAddress)) {
      socket.setSoTimeout(waitMs);
      write(socket, String.join("", requests));
      InputStream in = new BufferedInputStream(socket.getInputStream());
      List<Answer> answers = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        answers.add(readOne(in));
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer readOne(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int contentLength = 0;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      head.append(line).append("\r\n");
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        contentLength = Integer.parseInt(line.substring(15).strip());
      }
    }
    String body = new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
    String text = head + "\r\n" + body;
    return new Answer(Integer.parseInt(text.substring(9, 12)), text);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("The server closed the connection in the middle of the answers");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  public static void write(Socket socket, String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} on a new connection and reads the answer (waiting at most {@code waitMs}). */
  public static Answer send(String baseUrl, String request, int waitMs) {
    try (Socket socket = connect(baseUrl, null)) {
      write(socket, request);
      return read(socket, waitMs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one response (headers and a Content-Length body) or whatever arrives before the server closes;
   * status 0 when nothing did. Waits at most {@code waitMs} for each read.
   */
  public static Answer read(Socket socket, int waitMs) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout(waitMs);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received.write(buffer, 0, n);
        if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException | SocketException endedOrReset) {
      // what arrived so far is the answer
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = received.toString(StandardCharsets.ISO_8859_1);
    int status = text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
    return new Answer(status, text);
  }

  /**
   * Milliseconds until the server closes {@code socket} (end of stream or reset), reading and dropping any
   * answer on the way; -1 when it is still open after {@code maxMs}.
   */
  public static long millisUntilClosed(Socket socket, long startNanos, int maxMs) {
    try {
      socket.setSoTimeout(maxMs);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      while (in.read(buffer) >= 0) {
        // an answer (a 408 or 400) may come before the close
      }
    } catch (SocketTimeoutException stillOpen) {
      return -1;
    } catch (IOException reset) {
      // a reset is a close too
    }
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the server may have closed already
    }
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    for (String line : text.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return text.length() - end - 4 >= Integer.parseInt(line.substring(15).strip());
      }
    }
    return false;
  }
}
