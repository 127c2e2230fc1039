package dev.loadbearing.suite.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Observed's check records for each response: status counts and the per-second latency timeline. */
class ObservedRecordingTest {
  private static final long T0 = 1_700_000_000_000L;

  @BeforeEach
  void reset() {
    StatusCounts.reset();
    LatencyTimeline.reset();
  }

  @Test
  void countsStatusesPerPopulationAndRequestIncludingUnusualCodes() {
    Observed.record("free", "GET /a", 200, T0, T0 + 5);
    Observed.record("free", "GET /a", 429, T0, T0 + 5);
    Observed.record(StatusCounts.ALL, "GET /a", 200, T0, T0 + 5);
    Observed.record(StatusCounts.ALL, "GET /b", 999, T0, T0 + 5);

    assertThat(StatusCounts.count("free", "GET /a", 429)).isEqualTo(1);
    assertThat(StatusCounts.total("free", null)).isEqualTo(2);
    assertThat(StatusCounts.count(null, "GET /a", 200)).isEqualTo(2);
    assertThat(StatusCounts.count(null, null, s -> s >= 500)).isEqualTo(1);
    assertThat(StatusCounts.byRequest()).isEqualTo(Map.of("GET /a", Map.of(200, 2L, 429, 1L), "GET /b",
        Map.of(999, 1L)));
  }

  @Test
  void theCheckIsTrueOnlyForA429() {
    assertThat(Observed.record(StatusCounts.ALL, "GET /a", 429, T0, T0)).isTrue();
    assertThat(Observed.record(StatusCounts.ALL, "GET /a", 503, T0, T0)).isFalse();
  }

  @Test
  void windowsMergeWhatEveryThreadRecordedPerSecond() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          // 1,000 responses per thread in second 0 (10 ms each), 1,000 in second 1 (100 ms, every tenth a 503).
          Observed.record(StatusCounts.ALL, "GET /a", 200, T0 + i % 900, T0 + i % 900 + 10);
          Observed.record(StatusCounts.ALL, "GET /a", i % 10 == 0 ? 503 : 200, T0 + 1000, T0 + 1100);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(LatencyTimeline.requestsInSecond(T0 / 1000)).isEqualTo(4000);
    assertThat(LatencyTimeline.requestsInSecond(T0 / 1000 + 1)).isEqualTo(4000);
    assertThat(LatencyTimeline.window(T0, T0 + 1000)).isEqualTo(new LatencyTimeline.Window(4000, 0, 10));
    LatencyTimeline.Window both = LatencyTimeline.window(T0, T0 + 2000);
    assertThat(both.requests()).isEqualTo(8000);
    assertThat(both.failures()).isEqualTo(400);
    assertThat(both.p95()).isEqualTo(100);
    assertThat(LatencyTimeline.firstRequestAt()).hasValue(T0);
  }

  @Test
  void aResetForgetsTheRunBeforeEvenOnAThreadThatRecordedInTheSameSecond() {
    Observed.record(StatusCounts.ALL, "GET /a", 200, T0, T0 + 10);
    StatusCounts.reset();
    LatencyTimeline.reset();
    assertThat(LatencyTimeline.firstRequestAt()).isEmpty();

    Observed.record(StatusCounts.ALL, "GET /a", 200, T0 + 1, T0 + 11);

    assertThat(LatencyTimeline.requestsInSecond(T0 / 1000)).isEqualTo(1);
    assertThat(StatusCounts.total(null, null)).isEqualTo(1);
    assertThat(LatencyTimeline.firstRequestAt()).hasValue(T0 + 1);
  }
}
