package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Grade;
import dev.loadbearing.diagnosis.Leak;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The leak is judged over the profile's hold phase only; a profile without one gets no leak verdict. The console
 * line and stats.json's diagnosis section carry the grade, or why it is withheld.
 */
class RunOutputsTest {
  private static final long START = ServerSideTest.RUN_START;

  private static StatsReport withPhases(List<Map<String, Object>> phases) {
    return ServerSideTest.stats(phases);
  }

  @Test
  void theHoldPhaseIsTheSteadyLoad() {
    StatsReport stats = withPhases(List.of(Map.of("name", "warm-up", "startMs", 0, "lengthMs", 3000),
        Map.of("name", "hold", "startMs", 3000, "lengthMs", 15_000)));

    assertThat(RunOutputs.steadyLoad(stats)).hasValueSatisfying(w -> assertThat(w).containsExactly(START + 3000,
        START + 18_000));
  }

  @Test
  void aSteppedLoadHasNoLeakVerdict() {
    StatsReport stats = withPhases(List.of(Map.of("name", "100 users", "startMs", 0, "lengthMs", 15_000),
        Map.of("name", "200 users", "startMs", 15_000, "lengthMs", 15_000)));

    Optional<long[]> steady = RunOutputs.steadyLoad(stats);
    Leak leak = Diagnosis.of(ServerSideTest.telemetry(), stats, steady).leak();

    assertThat(steady).isEmpty();
    assertThat(leak.verdict()).isEqualTo(Leak.Verdict.INCONCLUSIVE);
    assertThat(leak.reason()).contains("the load was not steady");
  }

  @Test
  void theConsoleLineAndStatsJsonWithholdTheLetterOfARunThatMeasuredTheLoadGenerator() {
    StatsReport stats = withPhases(List.of());
    Telemetry telemetry = ServerSideTest.saturatedInjector();
    Diagnosis diagnosis = Diagnosis.of(telemetry, stats);
    Grade grade = Grade.of(stats, telemetry, diagnosis);

    assertThat(RunOutputs.verdictLine(diagnosis, grade)).startsWith("Loadbearing diagnosis: grade invalid (the load "
        + "generator was saturated in 100 % of samples: this run measured Gatling's machine, not the target); leak:")
        .doesNotContain("/100");
    JsonNode section = StatsExporter.mapper().valueToTree(RunOutputs.section(diagnosis, grade));
    assertThat(section.path("grade").path("letter").asText()).isEqualTo(Grade.INVALID);
    assertThat(section.path("grade").path("invalidBecause").asText()).contains("the load generator was saturated");
    assertThat(section.path("grade").path("score").isNumber()).as("the score is kept, as a figure").isTrue();
  }

  @Test
  void aValidGradeReadsAsBeforeWithItsScoreAndNoInvalidField() {
    StatsReport stats = withPhases(List.of());
    Diagnosis diagnosis = Diagnosis.of(ServerSideTest.telemetry(), stats);
    Grade grade = Grade.of(stats, ServerSideTest.telemetry(), diagnosis);

    assertThat(RunOutputs.verdictLine(diagnosis, grade))
        .startsWith("Loadbearing diagnosis: grade A (100.0/100); leak:");
    JsonNode json = StatsExporter.mapper().valueToTree(grade);
    assertThat(json.has("invalidBecause")).isFalse();
    assertThat(json.has("valid")).isFalse();
    assertThat(json.path("letter").asText()).isEqualTo("A");
  }
}
