package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Runs from several injectors merge exactly: merged histograms equal the histogram of all samples together. */
class HistogramMergeTest {

  @Test
  void mergingTwoRunsHistogramsEqualsTheHistogramOfTheCombinedSamples() {
    Random random = new Random(7);
    Distribution first = new Distribution();
    Distribution second = new Distribution();
    Distribution together = new Distribution();
    for (int i = 0; i < 50_000; i++) {
      // Two injectors with different latency shapes: the merge must not average their percentiles.
      int a = (int) (5 + random.nextExponential() * 40);
      int b = (int) (200 + random.nextGaussian() * 30 + (random.nextInt(100) == 0 ? 5_000 : 0));
      first.add(a, true);
      second.add(Math.max(0, b), true);
      together.add(a, true);
      together.add(Math.max(0, b), true);
    }
    Histogram merged = StatsMerge.mergeHistograms(List.of(
        Distribution.encode(first.histogram()), Distribution.encode(second.histogram())));

    assertThat(merged).isEqualTo(together.histogram());
    assertThat(merged.getTotalCount()).isEqualTo(100_000);
    for (double p : new double[] {50, 75, 90, 95, 99, 99.9}) {
      assertThat(merged.getValueAtPercentile(p)).as("p" + p).isEqualTo(together.histogram().getValueAtPercentile(p));
    }
  }

  @Test
  void mergingTwoInjectorsReportsAddsCountsAndMergesDistributions() {
    StatsReport a = report("i-1", new int[] {10, 20, 30}, Map.of("200", 3L));
    StatsReport b = report("i-2", new int[] {40, 50, 1000}, Map.of("200", 2L, "500", 1L));
    StatsReport merged = StatsMerge.merge(List.of(a, b));
    StatsReport.Row row = merged.requests().get(0);
    assertThat(row.count()).isEqualTo(6);
    assertThat(row.min()).isEqualTo(10);
    assertThat(row.max()).isEqualTo(1000);
    assertThat(row.p50()).isEqualTo(30);
    assertThat(row.statusCounts()).isEqualTo(Map.of("200", 5L, "500", 1L));
    assertThat(merged.run().injector()).isEqualTo("i-1,i-2");
  }

  private static StatsReport report(String injector, int[] samples, Map<String, Long> status) {
    Distribution d = new Distribution();
    for (int s : samples) {
      d.add(s, true);
    }
    StatsReport.Row row = new StatsReport.Row("request", "GET /x", List.of(), "GET /x", d.count(), d.okCount(), 0, 0,
        d.min(), d.mean(), d.stdDev(), d.max(), d.percentile(50), d.percentile(75), d.percentile(90), d.percentile(95),
        d.percentile(99), d.percentile(99.9), 1.0, status, Distribution.encode(d.histogram()));
    StatsReport.Row global = new StatsReport.Row("global", "All Requests", List.of(), "All Requests", row.count(),
        row.ok(), 0, 0, row.min(), row.mean(), row.stdDev(), row.max(), row.p50(), row.p75(), row.p90(), row.p95(),
        row.p99(), row.p999(), 1.0, status, row.histogram());
    StatsReport.RunInfo run = new StatsReport.RunInfo("X", "dev.x.XSimulation", "3.15.1", "xsimulation-1", 1000, 4000,
        3000, 3, null, null, null, null, injector, false);
    return new StatsReport(run, global, List.of(), List.of(row), List.of());
  }
}
