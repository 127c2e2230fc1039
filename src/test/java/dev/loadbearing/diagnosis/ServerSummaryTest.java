package dev.loadbearing.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.loadbearing.compare.Check;
import dev.loadbearing.compare.Comparison;
import dev.loadbearing.compare.Tolerances;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The {@code server} section as the comparator reads it: written by ServerSummary, judged by compare. */
class ServerSummaryTest {
  private static final double MB = 1024 * 1024;
  private static final ObjectMapper MAPPER = StatsExporter.mapper();

  /** Two minutes of telemetry: service CPU at 0.2 cores, the heap after GC growing by {@code mbPerMinute}. */
  private static Telemetry run(double mbPerMinute) {
    return Synthetic.run(120)
        .with("service.cpu_seconds_total", i -> 0.2 * i)
        .with("target.jvm_memory_heap_after_gc_bytes", i -> 20 * MB + mbPerMinute * MB * (i / 60))
        .telemetry();
  }

  private static StatsReport stats(Telemetry telemetry) {
    StatsReport stats = Synthetic.stats(telemetry.start(), telemetry.end(), Map.of("200", 1000L));
    return stats.withServerSide(MAPPER.valueToTree(ServerSummary.of(telemetry, stats)), null);
  }

  @Test
  void summarizesTheServicesHeapAfterGcForTheComparator() {
    ServerSummary summary = ServerSummary.of(run(30), stats(run(30)));
    assertThat(summary.series()).containsKey("target.jvm_memory_heap_after_gc_bytes");
    // a step of 30 MB after the first minute: the least-squares slope over two minutes
    assertThat(summary.series().get("target.jvm_memory_heap_after_gc_bytes").slopePerMinute() / MB)
        .isCloseTo(22.5, Offset.offset(0.1));
    assertThat(summary.figures()).containsKey("serviceCpuMillisPerRequest");
  }

  @Test
  void aRunWhoseHeapAfterGcGrowsIsARegressionAgainstAFlatOne() {
    Tolerances defaults = Tolerances.from(ConfigFactory.parseResources("compare.conf").resolve());
    Comparison c = Comparison.of(stats(run(0)), "flat", stats(run(30)), "growing", defaults);
    assertThat(c.failures()).singleElement().satisfies(k -> {
      assertThat(k.metric()).isEqualTo("heap after GC slope");
      assertThat(k.verdict()).isEqualTo(Check.Verdict.REGRESSION);
    });
    assertThat(c.serverChecks()).extracting(Check::metric).contains("CPU per request");
  }
}
