package dev.loadbearing.suite.live;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every response of a live run, as Prometheus counters and a classic histogram: {@code loadbearing_requests_total}
 * by request name, population, status and outcome, and {@code loadbearing_response_time_seconds} by request name.
 *
 * <p>Recorded on Gatling's event loops for every response (through {@code Observed.record}), so the label children
 * are resolved once per request name, population and status and kept: a response then costs two map reads, one
 * array read and the client's own increments, with nothing allocated. {@link #current()} is null when the run
 * has no live metrics, and then nothing here runs at all.
 */
public final class LiveRequests {
  /** Upper bounds in seconds: fine where an API answers (1-250 ms), coarse up to Gatling's 60 s timeout. */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  private static final int CODES = 600;
  private static volatile LiveRequests current;

  private final Counter requests;
  private final Histogram responseTime;
  private final Map<String, Map<String, Children>> byPopulation = new ConcurrentHashMap<>();

  LiveRequests(PrometheusRegistry registry) {
    requests = Counter.builder().name("loadbearing_requests_total")
        .help("Responses received, by request name, population, HTTP status and outcome (ko: 5xx or 429)")
        .labelNames("request", "population", "status", "outcome").withoutExemplars().register(registry);
    responseTime = Histogram.builder().name("loadbearing_response_time_seconds")
        .help("Response time as Gatling measures it, by request name").labelNames("request")
        .classicOnly().classicUpperBounds(BUCKETS).withoutExemplars().register(registry);
  }

  /** The live run's recorder, or null when live metrics are off. */
  public static LiveRequests current() {
    return current;
  }

  static synchronized void use(LiveRequests recorder) {
    current = recorder;
  }

  /** Stops recording into {@code recorder}, unless a later run has already put its own in its place. */
  static synchronized void release(LiveRequests recorder) {
    if (current == recorder) {
      current = null;
    }
  }

  /** One response; {@code failed} as the suite counts failures elsewhere (5xx or 429). */
  public void record(String population, String request, int status, long millis, boolean failed) {
    Map<String, Children> requestsOfPopulation = byPopulation.get(population);
    if (requestsOfPopulation == null) {
      requestsOfPopulation = byPopulation.computeIfAbsent(population, p -> new ConcurrentHashMap<>());
    }
    Children children = requestsOfPopulation.get(request);
    if (children == null) {
      children = requestsOfPopulation.computeIfAbsent(request, r -> new Children(population, r));
    }
    children.count(status, failed).inc();
    children.responseTime.observe(millis / 1000.0);
  }

  /** The label children of one request name in one population. */
  private final class Children {
    private final String population;
    private final String request;
    private final DistributionDataPoint responseTime;
    private final AtomicReferenceArray<CounterDataPoint> byStatus = new AtomicReferenceArray<>(CODES);

    Children(String population, String request) {
      this.population = population;
      this.request = request;
      this.responseTime = LiveRequests.this.responseTime.labelValues(request);
    }

    CounterDataPoint count(int status, boolean failed) {
      if (status < 0 || status >= CODES) {
        return child(status, failed);
      }
      CounterDataPoint counter = byStatus.get(status);
      if (counter == null) {
        byStatus.compareAndSet(status, null, child(status, failed));
        counter = byStatus.get(status);
      }
      return counter;
    }

    private CounterDataPoint child(int status, boolean failed) {
      return requests.labelValues(request, population, Integer.toString(status), failed ? "ko" : "ok");
    }
  }
}
