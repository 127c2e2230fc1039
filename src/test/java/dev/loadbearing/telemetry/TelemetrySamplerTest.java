package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TelemetrySamplerTest {

  /** Counts its calls and remembers which threads called it. */
  private static final class Counting implements Source {
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger samples = new AtomicInteger();
    final AtomicInteger finishes = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void sample(Recorder out) {
      threads.add(Thread.currentThread());
      out.record("test.calls", samples.incrementAndGet());
    }

    @Override
    public void finish(Recorder out) {
      finishes.incrementAndGet();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private static final class Failing implements Source {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public void sample(Recorder out) {
      attempts.incrementAndGet();
      throw new IllegalStateException("no such\nthing");
    }
  }

  @Test
  void samplesOnItsOwnDaemonThreadEveryInterval() throws Exception {
    Counting source = new Counting();
    TelemetrySampler sampler = TelemetrySampler.start(Sources.none().with(source), Duration.ofMillis(50));
    Thread.sleep(600);
    Telemetry telemetry = sampler.stop();

    assertThat(source.threads).singleElement().satisfies(t -> {
      assertThat(t.getName()).isEqualTo("loadbearing-telemetry");
      assertThat(t.isDaemon()).isTrue();
      assertThat(t).isNotEqualTo(Thread.currentThread());
    });
    Series calls = telemetry.find("test.calls").orElseThrow();
    assertThat(calls.size()).isBetween(6, 14);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.time(i) - calls.time(i - 1)).isBetween(20L, 400L);
    }
    assertThat(telemetry.intervalMillis()).isEqualTo(50);
    assertThat(telemetry.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(telemetry.start()).isLessThanOrEqualTo(calls.time(0));
    assertThat(telemetry.end()).isGreaterThanOrEqualTo(calls.time(calls.size() - 1));
    assertThat(telemetry.find("telemetry.tick_seconds")).isPresent();
    assertThat(telemetry.find("telemetry.cpu_seconds_total")).isPresent();
  }

  @Test
  void aFailingSourceIsNotedOnceAndTheOthersGoOn() throws Exception {
    Failing failing = new Failing();
    Counting counting = new Counting();
    TelemetrySampler sampler =
        TelemetrySampler.start(Sources.none().with(failing).with(counting), Duration.ofMillis(20));
    Thread.sleep(300);
    Telemetry telemetry = sampler.stop();

    assertThat(failing.attempts.get()).isGreaterThan(3);
    assertThat(counting.samples.get()).isGreaterThan(3);
    assertThat(telemetry.notes()).singleElement().asString()
        .contains("failing").contains("no such thing").doesNotContain("\n");
  }

  @Test
  void stopFinishesAndClosesEachSourceOnceAndReturnsTheSameTelemetryTwice() {
    Counting source = new Counting();
    TelemetrySampler sampler = TelemetrySampler.start(Sources.none().with(source), Duration.ofSeconds(10));
    Telemetry first = sampler.stop();
    Telemetry second = sampler.stop();

    assertThat(second).isSameAs(first);
    assertThat(source.samples.get()).isEqualTo(1);
    assertThat(source.finishes.get()).isEqualTo(1);
    assertThat(source.closes.get()).isEqualTo(1);
  }

  @Test
  void aSlowTickSkipsTheTicksItMissedInsteadOfBursting() throws Exception {
    Source slow = new Source() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public void sample(Recorder out) throws InterruptedException {
        out.record("test.slow", 1);
        Thread.sleep(120);
      }
    };
    TelemetrySampler sampler = TelemetrySampler.start(Sources.none().with(slow), Duration.ofMillis(50));
    Thread.sleep(700);
    Series ticks = sampler.stop().find("test.slow").orElseThrow();
    for (int i = 1; i < ticks.size(); i++) {
      assertThat(ticks.time(i) - ticks.time(i - 1)).as("gap before tick " + i).isGreaterThanOrEqualTo(110L);
    }
  }
}
