package dev.loadbearing.telemetry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The target's Prometheus endpoint: every sample of its text exposition becomes the series
 * {@code target.<name>{<labels>}} (labels sorted), except histogram buckets ({@code _bucket} with an {@code le}
 * label): a timer with a percentile histogram has some 70 per route and status, which would crowd out every
 * other series within the sampler's bounds; their {@code _count} and {@code _sum} are kept. A target that
 * answers 4xx, or with something that is not the text format, gets one note and is not asked again; an
 * unreachable one is noted once and retried.
 */
final class PrometheusSource implements Source {
  static final String PREFIX = "target.";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final URI url;
  private final HttpClient client;
  private boolean givenUp;
  private boolean badLinesNoted;
  private boolean bucketsNoted;

  PrometheusSource(URI url) {
    this.url = url;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public String name() {
    return "prometheus " + url;
  }

  @Override
  public void sample(Recorder out) throws IOException, InterruptedException {
    if (givenUp) {
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        // The classic text format first; OpenMetrics text is read as well.
        .header("Accept", "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5,*/*;q=0.1").build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400 && response.statusCode() < 500) {
      givenUp = true;
      out.note("The target has no Prometheus endpoint at " + url + " (HTTP " + response.statusCode()
          + "): no target.* series. Point telemetry at it if it has one elsewhere.");
      return;
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    PrometheusText.Scrape scrape = PrometheusText.parse(response.body());
    if (scrape.samples().isEmpty() && !scrape.errors().isEmpty()) {
      givenUp = true;
      out.note(url + " does not answer in Prometheus text format (" + scrape.errors().get(0)
          + "): no target.* series.");
      return;
    }
    if (!scrape.errors().isEmpty() && !badLinesNoted) {
      badLinesNoted = true;
      out.note(url + ": " + scrape.errors().size() + " lines could not be read and were skipped; first: "
          + scrape.errors().get(0));
    }
    int buckets = 0;
    for (PrometheusText.Sample sample : scrape.samples()) {
      if (isBucket(sample)) {
        buckets++;
      } else {
        out.record(PREFIX + sample.key(), sample.value());
      }
    }
    if (buckets > 0 && !bucketsNoted) {
      bucketsNoted = true;
      out.note(url + ": " + buckets + " histogram bucket series are not recorded (their _count and _sum are).");
    }
  }

  static boolean isBucket(PrometheusText.Sample sample) {
    return sample.name().endsWith("_bucket") && sample.labels().containsKey("le");
  }
}
