package dev.loadbearing.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.ServerSlas.Bound;
import dev.loadbearing.diagnosis.ServerSlas.Kind;
import dev.loadbearing.diagnosis.ServerSlas.Result;
import dev.loadbearing.telemetry.Telemetry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The server-side SLAs on synthetic telemetry: each bound holds, breaks, or is not judged with a reason. */
class ServerSlasTest {
  private static final DiagnosisConfig CONFIG = DiagnosisConfig.defaults();

  private static Result judge(Kind kind, double threshold, Telemetry telemetry, OptionalInt users) {
    Bound bound = new Bound(kind, "loadbearing.server-sla." + kind.key(), threshold, null);
    return ServerSlas.judge(List.of(bound), Optional.ofNullable(telemetry), users, CONFIG).get(0);
  }

  private static Result judge(Kind kind, double threshold, Telemetry telemetry) {
    return judge(kind, threshold, telemetry, OptionalInt.of(100));
  }

  @Test
  void serviceCpuIsThePercentOfAllCoresAtTheP95() {
    // 2 cores; 0.4 cores for 95 of 100 samples, then 1.9: the p95 is 0.4 cores = 20 %.
    Telemetry t = Synthetic.run(100).with("service.cpu_cores", i -> i < 95 ? 0.4 : 1.9).telemetry();
    Result holds = judge(Kind.SERVICE_CPU_P95, 80, t);
    assertThat(holds.actual()).isEqualTo(20.0);
    assertThat(holds.passed()).isTrue();
    Result broken = judge(Kind.SERVICE_CPU_P95, 10, t);
    assertThat(broken.passed()).isFalse();
    assertThat(broken.line()).contains("BROKEN").contains("serviceCpuP95Percent expected < 10, found 20.000");
  }

  @Test
  void aMicrometerServiceIsJudgedOnItsProcessCpuUsage() {
    Telemetry t = Synthetic.run(60).with("target.process_cpu_usage", i -> 0.9).telemetry();
    assertThat(judge(Kind.SERVICE_CPU_P95, 80, t).actual()).isCloseTo(90.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theCpuTimeCounterOutranksTheLoadGaugeThatConcurrentScrapersSpoil() {
    // 0.4 s of CPU a second = 0.4 cores = 20 % of 2; the gauge, read by two injectors ms apart, jumps 0..1.
    Telemetry t = Synthetic.run(60).with("target.process_cpu_time_ns_total", i -> i * 0.4e9)
        .with("target.process_cpu_usage", i -> i % 2).telemetry();
    assertThat(judge(Kind.SERVICE_CPU_P95, 80, t).actual()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void heapAfterGcIsPerHundredPeakUsersAndSmallPopulationsCountAsAHundred() {
    Telemetry t = Synthetic.run(60).with("target.jvm_memory_heap_after_gc_bytes", i -> i == 30 ? 400e6 : 20e6)
        .telemetry();
    assertThat(judge(Kind.HEAP_PER_100_USERS, 500, t, OptionalInt.of(400)).actual()).isEqualTo(100.0);
    Result three = judge(Kind.HEAP_PER_100_USERS, 500, t, OptionalInt.of(3));
    assertThat(three.actual()).as("3 users count as 100").isEqualTo(400.0);
    assertThat(three.note()).contains("400.0 MB with 3 peak users (counted as 100)");
    assertThat(judge(Kind.HEAP_PER_100_USERS, 300, t, OptionalInt.of(50)).passed()).isFalse();
  }

  @Test
  void heapIsNotJudgedWithoutAFixedPopulation() {
    Telemetry t = Synthetic.run(60).with("target.jvm_memory_heap_after_gc_bytes", i -> 20e6).telemetry();
    Result open = judge(Kind.HEAP_PER_100_USERS, 500, t, OptionalInt.empty());
    assertThat(open.judged()).isFalse();
    assertThat(open.passed()).isTrue();
    assertThat(open.line()).contains("not judged - the profile has no fixed peak population");
  }

  @Test
  void lockWaitIsTheMeanLongestWaitOverSamplesThatWaited() {
    Telemetry t = Synthetic.run(60).with("db.lock_waits", i -> i % 10 == 0 ? 1 : 0)
        .with("db.lock_wait_max_seconds", i -> i % 10 == 0 ? 0.3 : 0).telemetry();
    Result r = judge(Kind.LOCK_WAIT_MEAN, 100, t);
    assertThat(r.actual()).isCloseTo(300.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.passed()).isFalse();
    assertThat(r.note()).contains("6 of 60 samples");
    Telemetry calm = Synthetic.run(60).with("db.lock_waits", i -> 0).with("db.lock_wait_max_seconds", i -> 0)
        .telemetry();
    assertThat(judge(Kind.LOCK_WAIT_MEAN, 100, calm).actual()).isZero();
  }

  @Test
  void cacheHitIsOverTheBlocksTouchedInTheRun() {
    Telemetry t = Synthetic.run(60).with("db.blks_hit_total", i -> 700 * i).with("db.blks_read_total", i -> 300 * i)
        .telemetry();
    Result r = judge(Kind.CACHE_HIT_MIN, 80, t);
    assertThat(r.actual()).isCloseTo(70.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.passed()).isFalse();
    Telemetry idle = Synthetic.run(60).with("db.blks_hit_total", i -> 5).with("db.blks_read_total", i -> 5)
        .telemetry();
    assertThat(judge(Kind.CACHE_HIT_MIN, 80, idle).judged()).isFalse();
  }

  @Test
  void aGrowingHeapIsALeakAndAFlatOneIsNot() {
    Telemetry growing = Synthetic.run(600).with("target.jvm_memory_heap_after_gc_bytes", i -> 50e6 + 200_000.0 * i)
        .telemetry();
    Result leak = judge(Kind.NO_LEAK, 0, growing);
    assertThat(leak.actual()).isEqualTo(1.0);
    assertThat(leak.passed()).isFalse();
    Telemetry flat = Synthetic.run(600).with("target.jvm_memory_heap_after_gc_bytes", i -> 50e6).telemetry();
    assertThat(judge(Kind.NO_LEAK, 0, flat).passed()).isTrue();
    Result shortRun = judge(Kind.NO_LEAK, 0, Synthetic.run(30).with("target.jvm_memory_heap_after_gc_bytes",
        i -> 50e6).telemetry());
    assertThat(shortRun.judged()).as("too short: inconclusive").isFalse();
    assertThat(shortRun.note()).contains("inconclusive");
  }

  @Test
  void aSeriesTheRunDidNotSampleIsNotJudgedAndSaysWhy() {
    Telemetry clientOnly = Synthetic.run(60).with("machine.cpu_percent", i -> 50).telemetry();
    for (Kind kind : List.of(Kind.SERVICE_CPU_P95, Kind.HEAP_PER_100_USERS, Kind.LOCK_WAIT_MEAN, Kind.CACHE_HIT_MIN)) {
      Result r = judge(kind, 50, clientOnly);
      assertThat(r.judged()).as(kind.key()).isFalse();
      assertThat(r.passed()).as(kind.key()).isTrue();
      assertThat(r.note()).as(kind.key()).isNotBlank();
    }
    Result off = judge(Kind.SERVICE_CPU_P95, 80, null);
    assertThat(off.line()).isEqualTo("service-cpu-p95: not judged - telemetry was off (-Dtelemetry=false)");
  }
}
