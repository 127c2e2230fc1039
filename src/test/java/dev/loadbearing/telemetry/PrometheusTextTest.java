package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.telemetry.PrometheusText.Sample;
import dev.loadbearing.telemetry.PrometheusText.Scrape;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parser reads what the Prometheus Java client writes, in both text formats, and the format's corner cases. */
class PrometheusTextTest {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String AWKWARD = "quote \" backslash \\ newline \n end";

  private PrometheusMeterRegistry micrometer;

  @BeforeEach
  void jvmClientWithEveryKindOfMetric() {
    micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(micrometer);
    new JvmGcMetrics().bindTo(micrometer);
    new JvmThreadMetrics().bindTo(micrometer);
    Timer timer = Timer.builder("http.server.requests").tag("route", "GET /api/products").tag("status", "200")
        .publishPercentileHistogram().register(micrometer);
    timer.record(Duration.ofMillis(12));
    timer.record(Duration.ofMillis(40));
    DistributionSummary.builder("payload.size").baseUnit("bytes").register(micrometer).record(512);

    PrometheusRegistry registry = micrometer.getPrometheusRegistry();
    // Exemplars need a tracer library Micrometer leaves out; the parser's exemplar test is below.
    Counter orders = Counter.builder().withoutExemplars().name("orders_total").help("orders").labelNames("path")
        .register(registry);
    orders.labelValues(AWKWARD).inc(3);
    orders.labelValues("plain").inc(1.5);
    Gauge.builder().withoutExemplars().name("queue_depth").help("depth").register(registry).set(-2.25);
    Histogram latency = Histogram.builder().withoutExemplars().name("db_seconds").help("db").classicOnly()
        .classicUpperBounds(0.01, 0.1, 1).register(registry);
    latency.observe(0.005);
    latency.observe(0.5);
    Summary.builder().withoutExemplars().name("sizes").help("sizes").quantile(0.5, 0.01).register(registry).observe(7);
    Info.builder().name("build_info").help("build").labelNames("version").register(registry).setLabelValues("1.2");
    StateSet.builder().name("feature").help("flags").states("on", "off").register(registry).setTrue("on");
  }

  @Test
  void readsEveryLineOfTheJavaClientsPrometheusText() {
    String text = micrometer.scrape(PROMETHEUS_TEXT);
    Scrape scrape = PrometheusText.parse(text);

    assertThat(scrape.errors()).isEmpty();
    assertThat(scrape.samples()).hasSize(sampleLines(text));
    assertClientValues(scrape);
    assertThat(scrape.types()).containsEntry("orders_total", "counter").containsEntry("db_seconds", "histogram");
  }

  @Test
  void readsEveryLineOfTheJavaClientsOpenMetricsText() {
    String text = micrometer.scrape(OPENMETRICS);
    assertThat(text).contains("# EOF");
    Scrape scrape = PrometheusText.parse(text);

    assertThat(scrape.errors()).isEmpty();
    assertThat(scrape.samples()).hasSize(sampleLines(text));
    assertClientValues(scrape);
    assertThat(scrape.types()).containsEntry("orders", "counter");
  }

  private static void assertClientValues(Scrape scrape) {
    assertThat(value(scrape, "orders_total", Map.of("path", AWKWARD))).contains(3.0);
    assertThat(value(scrape, "orders_total", Map.of("path", "plain"))).contains(1.5);
    assertThat(value(scrape, "queue_depth", Map.of())).contains(-2.25);
    assertThat(value(scrape, "db_seconds_bucket", Map.of("le", "0.01"))).contains(1.0);
    assertThat(value(scrape, "db_seconds_bucket", Map.of("le", "+Inf"))).contains(2.0);
    assertThat(value(scrape, "db_seconds_count", Map.of())).contains(2.0);
    assertThat(value(scrape, "sizes", Map.of("quantile", "0.5"))).contains(7.0);
    assertThat(value(scrape, "build_info", Map.of("version", "1.2"))).contains(1.0);
    assertThat(value(scrape, "feature", Map.of("feature", "on"))).contains(1.0);
    assertThat(value(scrape, "feature", Map.of("feature", "off"))).contains(0.0);
    assertThat(value(scrape, "http_server_requests_seconds_count",
        Map.of("route", "GET /api/products", "status", "200"))).contains(2.0);
    assertThat(value(scrape, "payload_size_bytes_sum", Map.of())).contains(512.0);
    assertThat(scrape.samples()).anyMatch(s -> s.name().equals("jvm_memory_used_bytes") && s.value() > 0);
  }

  @Test
  void keysSortLabelsAndEscapeValuesAsTheExpositionDoes() {
    Sample sample = PrometheusText.parse("m{z=\"1\",a=\"x\\\"y\\\\z\\n\"} 4\n").samples().get(0);
    assertThat(sample.labels()).containsEntry("a", "x\"y\\z\n");
    assertThat(sample.key()).isEqualTo("m{a=\"x\\\"y\\\\z\\n\",z=\"1\"}");
    assertThat(PrometheusText.parse("plain 1").samples().get(0).key()).isEqualTo("plain");
  }

  @Test
  void readsSpecialValuesTimestampsExemplarsAndTrailingCommas() {
    Scrape scrape = PrometheusText.parse("""
        # HELP a_total help with # and {braces}
        # TYPE a_total counter
        a_total{x="1",} 17 1395066363000
        b +Inf
        c -Inf
        d NaN
        e 1.5e3 1700000000.123
        f_bucket{le="0.5"} 3 # {trace_id="abc"} 0.4 1700000000.1
        g{hash="a#b"}\t2
        """);
    assertThat(scrape.errors()).isEmpty();
    assertThat(scrape.samples()).extracting(Sample::value)
        .containsExactly(17.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1500.0, 3.0, 2.0);
    assertThat(scrape.samples().get(6).labels()).containsEntry("hash", "a#b");
  }

  @Test
  void readsQuotedUtf8MetricNames() {
    Sample sample = PrometheusText.parse("{\"http.server.duration\", route=\"/x\"} 5").samples().get(0);
    assertThat(sample.name()).isEqualTo("http.server.duration");
    assertThat(sample.labels()).containsEntry("route", "/x");
  }

  @Test
  void keepsGoodLinesAndReportsBadOnesByNumber() {
    Scrape scrape = PrometheusText.parse("good 1\nbad{x=1} 2\nnovalue\nalso_good 3\nx{y=\"unterminated} 4\n");
    assertThat(scrape.samples()).extracting(Sample::name).containsExactly("good", "also_good");
    assertThat(scrape.errors()).extracting(PrometheusText.LineError::line).containsExactly(2, 3, 5);
  }

  @Test
  void anHtmlPageIsNotAnExposition() {
    Scrape scrape = PrometheusText.parse("<!doctype html>\n<html><body>Not here</body></html>\n");
    assertThat(scrape.samples()).isEmpty();
    assertThat(scrape.errors()).isNotEmpty();
  }

  private static int sampleLines(String text) {
    return (int) text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
  }

  private static Optional<Double> value(Scrape scrape, String name, Map<String, String> labels) {
    return scrape.samples().stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .map(Sample::value).findFirst();
  }
}
