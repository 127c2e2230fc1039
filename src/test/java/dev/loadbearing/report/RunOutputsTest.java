package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Leak;
import dev.loadbearing.stats.StatsReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The leak is judged over the profile's hold phase only; a profile without one gets no leak verdict. */
class RunOutputsTest {
  private static final long START = ServerSideTest.RUN_START;

  private static StatsReport withPhases(List<Map<String, Object>> phases) {
    StatsReport.RunInfo run = new StatsReport.RunInfo("Load", "x.LoadSimulation", "3.15.1", "loadsimulation-1",
        START, START + 60_000, 60_000, 60, Map.of("phases", phases), null, null, null, "test", true);
    StatsReport.Row global = new StatsReport.Row("global", "All Requests", List.of(), "All Requests", 10, 10, 0, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, null, null);
    return new StatsReport(run, global, List.of(), List.of(), List.of());
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
}
