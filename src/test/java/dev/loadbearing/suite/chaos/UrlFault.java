package dev.loadbearing.suite.chaos;

import dev.loadbearing.chaos.FaultAction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A fault carried out by the user's own chaos service: a POST to one URL when it begins and to another when it
 * ends (none when empty), each bounded by {@code timeout} and failing unless the answer is 2xx.
 */
final class UrlFault implements FaultAction {
  private final String begin;
  private final String end;
  private final Duration timeout;
  private final HttpClient client;

  UrlFault(String begin, String end, Duration timeout) {
    this.begin = begin;
    this.end = end;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String description() {
    return "POST " + begin + (end.isEmpty() ? "" : " then " + end);
  }

  @Override
  public void begin() throws IOException, InterruptedException {
    post(begin);
  }

  @Override
  public void end() throws IOException, InterruptedException {
    if (!end.isEmpty()) {
      post(end);
    }
  }

  private void post(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException slow) {
      throw new IOException("POST " + url + " did not answer within " + timeout.toMillis() + " ms");
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body().lines().findFirst().orElse("");
      throw new IOException("POST " + url + " answered " + response.statusCode()
          + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
  }
}
