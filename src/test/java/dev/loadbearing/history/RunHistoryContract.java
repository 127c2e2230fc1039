package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every store of the history does, run by each store's own test against the real thing. */
abstract class RunHistoryContract {
  static final StatsReport SMOKE = StatsFiles.load(Path.of("baselines/Smoke.json"));

  final List<String> warnings = new ArrayList<>();

  /** An empty store of this kind, reporting to {@link #warnings}. */
  abstract RunHistory history();

  /** Puts an entry that does not read back as a stats.json into the store, as the run {@code runFolder}. */
  abstract void plantUnreadable(String simulation, long start, String runFolder) throws Exception;

  /** Whether the unreadable entry is still there: a store never deletes what it cannot read. */
  abstract boolean stillThere(String simulation, long start, String runFolder) throws Exception;

  @Test
  void newestRunsOfTheSameShapeComeBackOldestFirst() {
    RunHistory history = history();
    for (int i = 1; i <= 4; i++) {
      history.append(run(1000L * i, "run-" + i, "full"));
    }
    history.append(run(5000, "short-run", "short"));

    List<StatsReport> newest = history.newest("Smoke", RunShape.of(run(0, "x", "full")), 3);

    assertThat(newest).extracting(r -> r.run().runFolder()).containsExactly("run-2", "run-3", "run-4");
    assertThat(history.newest("Smoke", RunShape.of(run(0, "x", "short")), 10))
        .extracting(r -> r.run().runFolder()).containsExactly("short-run");
    assertThat(warnings).isEmpty();
  }

  @Test
  void theLatestRunIsTheNewestOfAnyShapeAndTheOthersAreCounted() {
    RunHistory history = history();
    history.append(run(1000, "run-1", "full"));
    history.append(run(2000, "run-2", "full"));
    history.append(run(3000, "short-run", "short"));

    StatsReport latest = history.latest("Smoke").orElseThrow();

    assertThat(latest.run().runFolder()).isEqualTo("short-run");
    assertThat(history.countOtherShapes("Smoke", RunShape.of(latest))).isEqualTo(2);
    assertThat(history.countOtherShapes("Smoke", RunShape.of(run(0, "x", "full")))).isEqualTo(1);
  }

  @Test
  void aRunComesBackAsItWasAppended() {
    RunHistory history = history();
    history.append(run(1000, "run-1", "full"));

    StatsReport back = history.latest("Smoke").orElseThrow();

    assertThat(back.global()).isEqualTo(SMOKE.global());
    assertThat(back.requests()).isEqualTo(SMOKE.requests());
    assertThat(back.run().gitCommit()).isEqualTo(SMOKE.run().gitCommit());
    // As numbers: PostgreSQL's jsonb writes 3.6E8 as 360000000, the same value.
    assertThat(back.server().path("figures").path("serviceCpuMillisPerRequest").doubleValue())
        .isEqualTo(SMOKE.server().path("figures").path("serviceCpuMillisPerRequest").doubleValue());
    assertThat(back.server().path("series").path("service.rss_bytes").path("max").doubleValue())
        .isEqualTo(SMOKE.server().path("series").path("service.rss_bytes").path("max").doubleValue());
    assertThat(RunShape.of(back)).isEqualTo(RunShape.of(run(0, "x", "full")));
  }

  @Test
  void theSameRunAddedTwiceIsKeptOnce() {
    RunHistory history = history();
    history.append(run(1000, "run-1", "full"));
    history.append(run(1000, "run-1", "full"));

    assertThat(history.newest("Smoke", RunShape.of(run(0, "x", "full")), 10)).hasSize(1);
  }

  @Test
  void anUnreadableRunIsReportedAndLeftInPlace() throws Exception {
    RunHistory history = history();
    history.append(run(1000, "run-1", "full"));
    plantUnreadable("Smoke", 2000, "broken");

    assertThat(history.newest("Smoke", RunShape.of(run(0, "x", "full")), 10)).extracting(r -> r.run().runFolder())
        .containsExactly("run-1");
    assertThat(history.latest("Smoke")).hasValueSatisfying(r -> assertThat(r.run().runFolder()).isEqualTo("run-1"));
    assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).contains("broken"));
    assertThat(stillThere("Smoke", 2000, "broken")).isTrue();
  }

  @Test
  void aSimulationWithoutRunsHasAnEmptyHistory() {
    RunHistory history = history();
    history.append(run(1000, "run-1", "full"));

    assertThat(history.newest("Load", RunShape.of(SMOKE), 5)).isEmpty();
    assertThat(history.latest("Load")).isEmpty();
    assertThat(history.countOtherShapes("Load", RunShape.of(SMOKE))).isZero();
  }

  static StatsReport run(long start, String folder, String form) {
    Map<String, Object> parameters = new HashMap<>(SMOKE.run().parameters());
    parameters.put("form", form);
    return with(SMOKE, start, folder, parameters);
  }

  static StatsReport with(StatsReport report, long start, String folder, Map<String, Object> parameters) {
    return Reruns.of(report, start, folder, report.run().gitCommit(), parameters);
  }
}
