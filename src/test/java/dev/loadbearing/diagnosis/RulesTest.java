package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.Synthetic.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each rule on synthetic series: it fires when its condition holds, and stays quiet when it does not. */
class RulesTest {
  private static final DiagnosisConfig CONFIG = DiagnosisConfig.defaults();

  private static List<Finding> findings(Telemetry telemetry) {
    return Diagnosis.of(telemetry, null, CONFIG).findings();
  }

  private static Optional<Finding> rule(Telemetry telemetry, String rule) {
    return findings(telemetry).stream().filter(f -> f.rule().equals(rule)).findFirst();
  }

  @Test
  void anInjectorUsingAlmostAllCoresMakesTheRunInvalid() {
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> i < 20 ? 0.8 : 1.9)
        .with("machine.cpu_percent", i -> 70).telemetry();
    Finding f = rule(t, "injector-saturated").orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.title()).contains("measured Gatling's machine, not the target");
    assertThat(f.evidence()).contains("≥ 1.70 cores (85 % of the 2 it may use)").contains("67 % of samples");
    assertThat(f.from()).isEqualTo(START + 20_000);
    assertThat(f.figures()).containsEntry("injectorCpuCoresMax", 1.9);
  }

  @Test
  void aFullMachineAlsoMakesTheRunInvalidAndStealIsEvidence() {
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> 0.6).with("machine.cpu_percent", i -> 98)
        .with("machine.steal_percent", i -> 7).telemetry();
    Finding f = rule(t, "injector-saturated").orElseThrow();
    assertThat(f.title()).startsWith("The machine's CPU was saturated");
    assertThat(f.evidence()).contains("The machine was ≥ 95 % busy in 100 % of samples").contains("stole 7.0 %");
  }

  @Test
  void aFullMachineFilledMostlyByTheInjectorIsTheLoadGeneratorsSaturation() {
    // Gatling beside a light target (nginx): the machine is full, and the injector is what filled it.
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> 1.2).with("machine.cpu_percent", i -> 97)
        .telemetry();
    Finding f = rule(t, "injector-saturated").orElseThrow();
    assertThat(f.title()).contains("load generator was saturated");
    assertThat(f.evidence()).contains("or ≥ 50 % of a machine ≥ 95 % busy, in 100 % of samples");
  }

  @Test
  void anInjectorPinnedToOneCoreIsSaturatedOnThatCoreAlone() {
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> 0.95).with("injector.available_cores", i -> 1)
        .with("machine.cpu_percent", i -> 60).telemetry();
    Finding f = rule(t, "injector-saturated").orElseThrow();
    assertThat(f.title()).contains("load generator was saturated");
    assertThat(f.evidence()).contains("≥ 0.85 cores (85 % of the 1 it may use)");
  }

  @Test
  void aBusyButNotSaturatedInjectorIsFine() {
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> i % 10 == 0 ? 1.9 : 0.9)
        .with("machine.cpu_percent", i -> i % 10 == 0 ? 99 : 70).telemetry();
    assertThat(rule(t, "injector-saturated")).isEmpty();
  }

  @Test
  void aServiceUsingMostCoresIsCpuBound() {
    Telemetry busy = Synthetic.run(60).with("service.cpu_cores", i -> 1.7).telemetry();
    Telemetry idle = Synthetic.run(60).with("service.cpu_cores", i -> 0.7).telemetry();
    assertThat(rule(busy, "service-cpu-bound")).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.evidence()).contains("≥ 1.60 cores").contains("100 % of samples");
    });
    assertThat(rule(idle, "service-cpu-bound")).isEmpty();
  }

  @Test
  void aMicrometerServicesProcessCpuUsageIsReadWhenItsProcessIsNotWatched() {
    Telemetry t = Synthetic.run(60).with("target.process_cpu_usage", i -> 0.9).telemetry();
    assertThat(rule(t, "service-cpu-bound"))
        .hasValueSatisfying(f -> assertThat(f.figures()).containsEntry("cpuCoresMean", 1.8));
  }

  @Test
  void aDatabaseServerUsingMostCoresIsCpuBound() {
    assertThat(rule(Synthetic.run(60).with("database.cpu_cores", i -> 1.8).telemetry(), "database-cpu-bound"))
        .isPresent();
    assertThat(rule(Synthetic.run(60).with("database.cpu_cores", i -> 0.2).telemetry(), "database-cpu-bound"))
        .isEmpty();
  }

  @Test
  void requestsWaitingForAConnectionMeanThePoolWasSaturated() {
    String labels = "{pool=\"loadbearing\"}";
    Telemetry t = Synthetic.run(60)
        .with("target.hikaricp_connections_pending" + labels, i -> i % 2 == 0 ? 6 : 0)
        .with("target.hikaricp_connections_active" + labels, i -> 2)
        .with("target.hikaricp_connections_max" + labels, i -> 2).telemetry();
    Finding f = rule(t, "pool-saturated").orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.title()).contains("pool=\"loadbearing\"");
    assertThat(f.evidence()).contains("50 % of samples").contains("reached 2 of a pool of 2");
    assertThat(f.recommendation()).contains("db.pool-size");
  }

  @Test
  void connectionTimeoutsMakeThePoolFindingCritical() {
    Telemetry t = Synthetic.run(60)
        .with("target.hikaricp_connections_pending{pool=\"p\"}", i -> i == 30 ? 3 : 0)
        .with("target.hikaricp_connections_timeout_total{pool=\"p\"}", i -> i < 30 ? 0 : 4).telemetry();
    Finding f = rule(t, "pool-saturated").orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.evidence()).contains("4 requests gave up waiting");
  }

  @Test
  void thePoolsTimersShowASaturationThatOneSecondSamplesOfPendingMiss() {
    String labels = "{pool=\"p\"}";
    // 60 s: two connections in use 1.9 s per second, 0.5 s of waiting for one per second, 40 borrows a second.
    Telemetry t = Synthetic.run(60)
        .with("target.hikaricp_connections_pending" + labels, i -> 0)
        .with("target.hikaricp_connections_max" + labels, i -> 2)
        .with("target.hikaricp_connections_usage_seconds_sum" + labels, i -> 1.9 * i)
        .with("target.hikaricp_connections_acquire_seconds_sum" + labels, i -> 0.5 * i)
        .with("target.hikaricp_connections_acquire_seconds_count" + labels, i -> 40.0 * i).telemetry();
    Finding f = rule(t, "pool-saturated").orElseThrow();
    assertThat(f.evidence()).contains("0 % of samples").contains("in use 95 % of the time")
        .contains("in 100 % of the intervals between samples the pool was ≥ 80 % busy")
        .contains("0.5 requests waited for one on average, 12.5 ms per borrow");
    assertThat(f.figures().get("busyShare")).isCloseTo(0.95, within(1e-9));
  }

  @Test
  void aBusyPoolThatKeptNobodyWaitingIsWellSized() {
    String labels = "{pool=\"p\"}";
    Telemetry t = Synthetic.run(60)
        .with("target.hikaricp_connections_pending" + labels, i -> 0)
        .with("target.hikaricp_connections_max" + labels, i -> 2)
        .with("target.hikaricp_connections_usage_seconds_sum" + labels, i -> 1.9 * i)
        .with("target.hikaricp_connections_acquire_seconds_sum" + labels, i -> 0.001 * i)
        .with("target.hikaricp_connections_acquire_seconds_count" + labels, i -> 40.0 * i).telemetry();
    assertThat(rule(t, "pool-saturated")).isEmpty();
  }

  @Test
  void aPoolThatNeverMadeAnyoneWaitIsFine() {
    Telemetry t = Synthetic.run(60).with("target.hikaricp_connections_pending{pool=\"p\"}", i -> i == 5 ? 1 : 0)
        .with("target.hikaricp_connections_timeout_total{pool=\"p\"}", i -> 0).telemetry();
    assertThat(rule(t, "pool-saturated")).isEmpty();
  }

  @Test
  void gcPausesAboveTheSharesAreWarningThenCritical() {
    assertThat(rule(Synthetic.run(101).with("injector.gc_seconds_total", i -> 0.08 * i).telemetry(),
        "injector-gc-pressure"))
        .hasValueSatisfying(f -> {
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.evidence()).contains("8.0 s of 100 s (8.0 %)");
        });
    assertThat(rule(Synthetic.run(101).with("injector.gc_seconds_total", i -> 0.2 * i).telemetry(),
        "injector-gc-pressure"))
        .hasValueSatisfying(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(rule(Synthetic.run(101).with("injector.gc_seconds_total", i -> 0.01 * i).telemetry(),
        "injector-gc-pressure"))
        .isEmpty();
  }

  @Test
  void theServicesGcPausesAreAddedUpOverItsCollectors() {
    Telemetry t = Synthetic.run(101)
        .with("target.jvm_gc_pause_seconds_sum"
            + "{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"}", i -> 0.04 * i)
        .with("target.jvm_gc_pause_seconds_sum"
            + "{action=\"end of major GC\",cause=\"Allocation Failure\",gc=\"G1 Old Generation\"}", i -> 0.03 * i)
        .with("target.jvm_gc_pause_seconds_count"
            + "{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"}", i -> 2 * i)
        .telemetry();
    Finding f = rule(t, "service-gc-pressure").orElseThrow();
    assertThat(f.figures().get("gcTimeShare")).isCloseTo(0.07, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.evidence()).contains("in 200 collections");
    assertThat(rule(Synthetic.run(101).with("target.jvm_gc_pause_seconds_sum{gc=\"x\"}", i -> 0.001 * i).telemetry(),
        "service-gc-pressure")).isEmpty();
  }

  @Test
  void frequentOrLongLockWaitsAreContention() {
    Telemetry frequent = Synthetic.run(60).with("db.lock_waits", i -> i % 3 == 0 ? 2 : 0)
        .with("db.lock_wait_max_seconds", i -> 0.01).telemetry();
    Telemetry oneLong = Synthetic.run(60).with("db.lock_waits", i -> i == 7 ? 1 : 0)
        .with("db.lock_wait_max_seconds", i -> i == 7 ? 0.4 : 0).telemetry();
    Telemetry rare = Synthetic.run(60).with("db.lock_waits", i -> i == 7 ? 1 : 0)
        .with("db.lock_wait_max_seconds", i -> i == 7 ? 0.02 : 0).telemetry();
    assertThat(rule(frequent, "lock-contention"))
        .hasValueSatisfying(f -> assertThat(f.evidence()).contains("33 % of samples"));
    assertThat(rule(oneLong, "lock-contention")).hasValueSatisfying(f -> assertThat(f.evidence()).contains("400 ms"));
    assertThat(rule(rare, "lock-contention")).isEmpty();
  }

  @Test
  void anyDeadlockIsReportedAndNoneIsNot() {
    assertThat(rule(Synthetic.run(60).with("db.deadlocks_total", i -> i < 40 ? 3 : 5).telemetry(), "deadlocks"))
        .hasValueSatisfying(f -> {
          assertThat(f.evidence()).startsWith("2 deadlocks");
          assertThat(f.from()).isEqualTo(START + 39_000);
        });
    assertThat(rule(Synthetic.run(60).with("db.deadlocks_total", i -> 3).telemetry(), "deadlocks")).isEmpty();
  }

  @Test
  void aLowCacheHitRatioIsReportedOnlyWithEnoughBlocks() {
    Telemetry low = Synthetic.run(60).with("db.blks_hit_total", i -> 100 * i)
        .with("db.blks_read_total", i -> 50 * i).telemetry();
    Telemetry high = Synthetic.run(60).with("db.blks_hit_total", i -> 1000 * i)
        .with("db.blks_read_total", i -> 5 * i).telemetry();
    Telemetry few = Synthetic.run(60).with("db.blks_hit_total", i -> i).with("db.blks_read_total", i -> i).telemetry();
    assertThat(rule(low, "low-cache-hit")).hasValueSatisfying(f -> assertThat(f.evidence()).contains("66.7 %"));
    assertThat(rule(high, "low-cache-hit")).isEmpty();
    assertThat(rule(few, "low-cache-hit")).isEmpty();
  }

  @Test
  void aStatementTakingMostOfTheDatabasesTimeIsNamed() {
    Telemetry one = Synthetic.run(10).statement("select * from product where name ilike $1", 72)
        .statement("select 1", 10).telemetry();
    Telemetry spread = Synthetic.run(10).statement("select a", 30).statement("select b", 25).telemetry();
    assertThat(rule(one, "slow-statement")).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.evidence()).contains("72 %").contains("ilike");
    });
    assertThat(rule(spread, "slow-statement")).isEmpty();
  }

  @Test
  void http429sAreRateLimitingThenDominating() {
    Telemetry t = Synthetic.run(30).telemetry();
    long to = START + 30_000;
    Optional<Finding> some = ofStats(t, Synthetic.stats(START, to, Map.of("200", 900L, "429", 100L)));
    Optional<Finding> most = ofStats(t, Synthetic.stats(START, to, Map.of("200", 300L, "429", 700L)));
    assertThat(some).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.evidence()).contains("100 of 1000 responses (10.0 %)").contains("most on GET /api/products (100)");
    });
    assertThat(most).hasValueSatisfying(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(ofStats(t, Synthetic.stats(START, to, Map.of("200", 990L, "429", 10L)))).isEmpty();
    assertThat(ofStats(t, Synthetic.stats(START, to, null))).isEmpty();
  }

  private static Optional<Finding> ofStats(Telemetry t, StatsReport stats) {
    return Diagnosis.of(t, stats, CONFIG).findings().stream().filter(f -> f.rule().equals("rate-limited")).findFirst();
  }

  @Test
  void providerFallbacksAnd503sAreWarningThenCritical() {
    Telemetry t = Synthetic.run(30).telemetry();
    StatsReport quiet = Synthetic.stats(START, START + 30_000, Map.of("200", 1000L));
    Optional<Finding> some = ofLlm(t, quiet.withLlm(Synthetic.llm(100, 12, 0)));
    Optional<Finding> many = ofLlm(t, quiet.withLlm(Synthetic.llm(100, 10, 20)));
    assertThat(some).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.title()).isEqualTo("Assistant providers fell back to the next one");
      assertThat(f.evidence()).contains("12 of 100 chats fell back to another provider and 0 got HTTP 503 (12.0 %)")
          .contains("swift-llm 0 rate limited, 12 timed out of 100 attempts");
      assertThat(f.figures()).containsEntry("troubledPercent", 12.0);
      assertThat(f.recommendation()).contains("timeouts");
    });
    assertThat(many).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.title()).contains("HTTP 503");
      assertThat(f.figures()).containsEntry("unavailable", 20.0);
    });
    assertThat(ofLlm(t, quiet.withLlm(Synthetic.llm(3, 1, 0)))).hasValueSatisfying(f ->
        assertThat(f.severity()).as("one fallback in three chats is chance").isEqualTo(Severity.INFO));
    assertThat(ofLlm(t, quiet.withLlm(Synthetic.llm(100, 5, 1)))).isEmpty();
    assertThat(ofLlm(t, quiet)).isEmpty();
  }

  private static Optional<Finding> ofLlm(Telemetry t, StatsReport stats) {
    return Diagnosis.of(t, stats, CONFIG).findings().stream().filter(f -> f.rule().equals("llm-fallbacks"))
        .findFirst();
  }

  @Test
  void onlyTheRunsWindowIsJudged() {
    // Saturated only after the run ended (e.g. the HTML report being generated).
    Telemetry t = Synthetic.run(120).with("injector.cpu_cores", i -> i < 60 ? 0.5 : 1.95).telemetry();
    StatsReport run = Synthetic.stats(START, START + 59_000, Map.of("200", 10L));
    assertThat(Diagnosis.of(t, run, CONFIG).findings()).isEmpty();
    assertThat(Diagnosis.of(t, null, CONFIG).findings()).extracting(Finding::rule).contains("injector-saturated");
  }

  @Test
  void readsARealStatsJsonAndJudgesItsRunsWindow() {
    StatsReport baseline = StatsFiles.load(Path.of("src/test/resources/compare/baseline.json"));
    Telemetry t = Synthetic.run(60).with("injector.cpu_cores", i -> 0.3).telemetry();
    Diagnosis d = Diagnosis.of(t, baseline, CONFIG);
    assertThat(d.from()).isEqualTo(baseline.run().start());
    assertThat(d.to()).isEqualTo(baseline.run().end());
    // 2997 x 200 and 3 x 500: no 429, no finding.
    assertThat(d.findings()).isEmpty();
  }

  @Test
  void findingsAreOrderedBySeverityThenByHowMuchOfTheRunTheyAffected() {
    Telemetry t = Synthetic.run(60)
        .with("service.cpu_cores", i -> i < 20 ? 1.0 : 1.7)
        .with("target.hikaricp_connections_pending{pool=\"p\"}", i -> 1)
        .with("machine.cpu_percent", i -> 99)
        .statement("select 1", 90).telemetry();
    Diagnosis d = Diagnosis.of(t, null, CONFIG);
    assertThat(d.findings()).extracting(Finding::rule)
        .containsExactly("injector-saturated", "pool-saturated", "service-cpu-bound", "slow-statement");
    assertThat(d.top()).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("injector-saturated"));
  }

  @Test
  void quietTelemetryGivesNoFindings() {
    Telemetry t = Synthetic.run(60).with("service.cpu_cores", i -> 0.3).with("injector.cpu_cores", i -> 0.4)
        .with("machine.cpu_percent", i -> 40).with("db.lock_waits", i -> 0).with("db.deadlocks_total", i -> 0)
        .with("target.hikaricp_connections_pending{pool=\"p\"}", i -> 0)
        .with("injector.gc_seconds_total", i -> 0.001 * i)
        .telemetry();
    assertThat(Diagnosis.of(t, Synthetic.stats(START, START + 60_000, Map.of("200", 1000L)), CONFIG).findings())
        .isEmpty();
  }
}
