package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.Synthetic.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadbearing.stats.LlmUsage;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grade's formula (docs/DIAGNOSIS.md, "Grade") on synthetic runs: p95 20 ms, no error, 1000 requests. */
class GradeTest {
  private static final StatsReport RUN = Synthetic.stats(START, START + 60_000, Map.of("200", 1000L));
  // 2 cores for 60 s of a 1000-request run: 120 ms of CPU per request, the worst efficiency.
  private static final Telemetry BUSY = Synthetic.run(61).with("service.cpu_seconds_total", i -> 2.0 * i)
      .telemetry();

  private static StatsReport costing(double usdPerUserHour) {
    LlmUsage.Chats chats = new LlmUsage.Chats(10, 10, 0, 0, 100, 400, usdPerUserHour);
    return RUN.withLlm(new LlmUsage(chats, Map.of("assistant", chats), Map.of(), 1.0, usdPerUserHour));
  }

  @Test
  void aRunThatChattedIsJudgedByItsLlmCostPerVirtualUserHourNotItsCpu() {
    Grade cheap = Grade.of(costing(0.05), BUSY);
    Grade middling = Grade.of(costing(0.275), BUSY);
    Grade dear = Grade.of(costing(0.8), BUSY);
    assertThat(cheap.efficiency()).isEqualTo(1.0);
    assertThat(cheap.figures()).containsEntry("llmUsdPerVirtualUserHour", 0.05)
        .doesNotContainKey("serviceCpuMillisPerRequest");
    assertThat(cheap.letter()).isEqualTo("A");
    assertThat(middling.efficiency()).isCloseTo(0.5, within(1e-9));
    assertThat(middling.score()).isEqualTo(85.0);
    assertThat(dear.efficiency()).isZero();
    assertThat(dear.score()).isEqualTo(70.0);
  }

  @Test
  void withoutChatsTheEfficiencyIsCpuPerRequestAndWithNeitherItIsLeftOut() {
    Grade cpu = Grade.of(RUN, BUSY);
    assertThat(cpu.figures()).containsKey("serviceCpuMillisPerRequest").doesNotContainKey("llmUsdPerVirtualUserHour");
    assertThat(cpu.efficiency()).isZero();
    Grade neither = Grade.of(RUN, Synthetic.run(61).telemetry());
    assertThat(neither.efficiency()).isNull();
    assertThat(neither.score()).isEqualTo(100.0);
  }

  @Test
  void aRunThatMeasuredTheLoadGeneratorGetsNoLetterButTheReason() {
    Telemetry saturated = Synthetic.run(61).with("injector.cpu_cores", i -> i < 20 ? 0.8 : 1.9)
        .with("machine.cpu_percent", i -> 70).telemetry();
    Grade grade = Grade.of(RUN, saturated, Diagnosis.of(saturated, RUN, DiagnosisConfig.defaults()));

    assertThat(grade.valid()).isFalse();
    assertThat(grade.letter()).isEqualTo(Grade.INVALID);
    assertThat(grade.invalidBecause()).isEqualTo("the load generator was saturated in 67 % of samples: this run "
        + "measured Gatling's machine, not the target");
    assertThat(grade.score()).as("still computed, as a figure of the generator").isEqualTo(100.0);
    assertThat(grade.summary()).startsWith("invalid (the load generator").doesNotContain("/100");
  }

  @Test
  void aMachineFilledByTheTargetKeepsItsLetter() {
    // The target and its database filled the machine: the numbers are the target's under that load.
    Telemetry full = Synthetic.run(61).with("injector.cpu_cores", i -> 0.4).with("machine.cpu_percent", i -> 98)
        .telemetry();
    Diagnosis diagnosis = Diagnosis.of(full, RUN, DiagnosisConfig.defaults());
    Grade grade = Grade.of(RUN, full, diagnosis);

    assertThat(diagnosis.top().orElseThrow().title()).startsWith("The machine's CPU was saturated");
    assertThat(diagnosis.invalidBecause()).isEmpty();
    assertThat(grade.valid()).isTrue();
    assertThat(grade.summary()).isEqualTo("A (100.0/100)");
  }
}
