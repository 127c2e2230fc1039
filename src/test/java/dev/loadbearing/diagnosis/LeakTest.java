package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.Synthetic.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Leak.Verdict;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leak verdict on synthetic series: growing, flat, short, noisy. */
class LeakTest {
  private static final DiagnosisConfig CONFIG = DiagnosisConfig.defaults();
  private static final double MB = 1024 * 1024;
  private static final String HEAP = "target.jvm_memory_heap_after_gc_bytes";

  private static Leak leak(Telemetry t) {
    return Diagnosis.of(t, null, CONFIG).leak();
  }

  /** Heap after GC: a floor plus a sawtooth of garbage collected every 7 s, plus noise. */
  private static double heap(int second, double floorMb, double mbPerMinute, Random noise) {
    return (floorMb + mbPerMinute * second / 60.0 + (second % 7) * 6 + noise.nextGaussian() * 2) * MB;
  }

  @Test
  void aHeapFloorRisingSteadilyIsALeakWithItsFigures() {
    Random noise = new Random(1);
    Telemetry t = Synthetic.run(600).with(HEAP, i -> heap(i, 200, 8, noise)).telemetry();
    Leak leak = leak(t);

    assertThat(leak.verdict()).isEqualTo(Verdict.LEAK);
    Leak.Trend heap = leak.trends().get(0);
    assertThat(heap.subject()).isEqualTo("service heap after GC");
    assertThat(heap.perMinute() / MB).isBetween(7.0, 9.0);
    assertThat(heap.perMinuteLower()).isPositive();
    assertThat(heap.from()).isEqualTo(START + 120_000);
    assertThat(heap.growth()).isGreaterThan(heap.threshold());
    assertThat(leak.reason()).contains("service heap after GC grew").contains("MB/min");
    assertThat(Diagnosis.of(t, null, CONFIG).top()).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo("memory-leak");
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    });
  }

  @Test
  void aFlatHeapWithItsSawtoothIsNoLeak() {
    Random noise = new Random(2);
    Telemetry t = Synthetic.run(600).with(HEAP, i -> heap(i, 200, 0, noise)).telemetry();
    Leak leak = leak(t);
    assertThat(leak.verdict()).as(leak.reason()).isEqualTo(Verdict.NO_LEAK);
    assertThat(Diagnosis.of(t, null, CONFIG).findings()).isEmpty();
  }

  @Test
  void aSmallSignificantGrowthBelowTheThresholdIsNoLeak() {
    // 0.5 MB/min for 8 min: real, but 4 MB is under the 16 MB (and 10 %) a leak needs.
    Telemetry t = Synthetic.run(600).with(HEAP, i -> (300 + 0.5 * i / 60.0) * MB).telemetry();
    assertThat(leak(t).verdict()).isEqualTo(Verdict.NO_LEAK);
  }

  @Test
  void aRunTooShortForATrendIsInconclusive() {
    Random noise = new Random(3);
    Telemetry t = Synthetic.run(60).with(HEAP, i -> heap(i, 200, 50, noise)).telemetry();
    Leak leak = leak(t);
    assertThat(leak.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(leak.reason()).contains("under the 60 s a trend needs");
  }

  @Test
  void aSeriesTooNoisyToTellIsInconclusive() {
    Random noise = new Random(4);
    // Swings of ±150 MB between windows hide whether 3 MB/min is there.
    Telemetry t = Synthetic.run(600).with(HEAP, i -> (400 + 3 * i / 60.0 + (i / 50 % 2 == 0 ? 150 : -150)
        + noise.nextGaussian() * 40) * MB).telemetry();
    Leak leak = leak(t);
    assertThat(leak.verdict()).as(leak.reason()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(leak.reason()).contains("too noisy");
  }

  @Test
  void threadsPilingUpAreALeakAndAFewMoreAreNot() {
    Telemetry growing = Synthetic.run(600).with("service.threads", i -> 40 + i / 10).telemetry();
    Telemetry steady = Synthetic.run(600)
        .with("service.threads", i -> 40 + (i % 5 == 0 ? 3 : 0) + (i > 300 ? 2 : 0)).telemetry();
    assertThat(leak(growing).verdict()).isEqualTo(Verdict.LEAK);
    assertThat(leak(steady).verdict()).isEqualTo(Verdict.NO_LEAK);
  }

  @Test
  void databaseSessionsAreSummedOverTheirStates() {
    Telemetry t = Synthetic.run(600)
        .with("db.sessions{state=\"active\"}", i -> 2)
        .with("db.sessions{state=\"idle in transaction\"}", i -> i / 20)
        .with("db.sessions{state=\"idle\"}", i -> 8).telemetry();
    Leak leak = leak(t);
    assertThat(leak.verdict()).isEqualTo(Verdict.LEAK);
    assertThat(leak.trends()).singleElement().satisfies(trend -> {
      assertThat(trend.series()).isEqualTo("db.sessions");
      assertThat(trend.startLevel()).isBetween(15.0, 17.0);
    });
  }

  @Test
  void residentMemoryGrowingWhileTheHeapSizesUpIsNoLeakButTripledIs() {
    Telemetry sizing = Synthetic.run(600)
        .with("service.rss_bytes", i -> (300 + Math.min(i, 400) * 0.5) * MB).telemetry();
    Telemetry tripled = Synthetic.run(600).with("service.rss_bytes", i -> (200 + i * 2.0) * MB).telemetry();
    assertThat(leak(sizing).verdict()).isEqualTo(Verdict.NO_LEAK);
    assertThat(leak(tripled).verdict()).isEqualTo(Verdict.LEAK);
  }

  @Test
  void oneLeakingSubjectMakesTheRunLeakEvenWhenOthersAreClean() {
    Telemetry t = Synthetic.run(600).with("service.threads", i -> 40)
        .with("service.open_fds", i -> 100 + i / 4).telemetry();
    Leak leak = leak(t);
    assertThat(leak.verdict()).isEqualTo(Verdict.LEAK);
    assertThat(leak.trends()).extracting(Leak.Trend::verdict).containsExactlyInAnyOrder(Verdict.LEAK, Verdict.NO_LEAK);
  }

  @Test
  void withoutAnySubjectSeriesTheVerdictIsInconclusive() {
    Leak leak = leak(Synthetic.run(600).with("machine.cpu_percent", i -> 50).telemetry());
    assertThat(leak.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(leak.trends()).isEmpty();
    assertThat(leak.verdict().toString()).isEqualTo("inconclusive");
  }

  @Test
  void theDiagnosisWritesAsJsonWithItsVerdictAndSeveritiesInLowerCase() throws Exception {
    Random noise = new Random(5);
    Telemetry t = Synthetic.run(600).with(HEAP, i -> heap(i, 200, 8, noise)).telemetry();
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(Diagnosis.of(t, null, CONFIG));
    assertThat(json.at("/leak/verdict").asText()).isEqualTo("leak");
    assertThat(json.at("/findings/0/severity").asText()).isEqualTo("critical");
    assertThat(json.at("/findings/0/rule").asText()).isEqualTo("memory-leak");
    assertThat(json.at("/leak/trends/0/perMinute").asDouble()).isPositive();
  }
}
