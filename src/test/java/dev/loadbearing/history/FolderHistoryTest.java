package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderHistoryTest {
  private static final StatsReport SMOKE = StatsFiles.load(Path.of("baselines/Smoke.json"));

  @TempDir
  Path dir;

  private final List<String> warnings = new ArrayList<>();

  @Test
  void newestRunsOfTheSameShapeComeBackOldestFirst() {
    FolderHistory history = new FolderHistory(dir, warnings::add);
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
  void theSameRunAddedTwiceIsKeptOnce() {
    FolderHistory history = new FolderHistory(dir, warnings::add);
    history.append(run(1000, "run-1", "full"));
    history.append(run(1000, "run-1", "full"));

    assertThat(history.newest("Smoke", RunShape.of(SMOKE), 10)).hasSize(1);
  }

  @Test
  void anUnreadableFileIsReportedAndLeftInPlace() throws Exception {
    FolderHistory history = new FolderHistory(dir, warnings::add);
    history.append(run(1000, "run-1", "full"));
    Path broken = Files.writeString(dir.resolve("Smoke").resolve("2000-broken.json"), "{\"schemaVersion\": 2,");

    assertThat(history.newest("Smoke", RunShape.of(SMOKE), 10)).extracting(r -> r.run().runFolder())
        .containsExactly("run-1");
    assertThat(warnings).singleElement().asString().contains("2000-broken.json");
    assertThat(broken).exists();
  }

  @Test
  void aSimulationWithoutRunsHasAnEmptyHistory() {
    assertThat(new FolderHistory(dir, warnings::add).newest("Load", RunShape.of(SMOKE), 5)).isEmpty();
  }

  @Test
  void whatDiffersBetweenIdenticalRunsIsNotPartOfTheShape() {
    Map<String, Object> a = new HashMap<>(SMOKE.run().parameters());
    a.put("runId", "one");
    a.put("phases", List.of(Map.of("requests", 10)));
    Map<String, Object> b = new HashMap<>(SMOKE.run().parameters());
    b.put("runId", "two");
    b.put("phases", List.of(Map.of("requests", 11)));

    assertThat(RunShape.of(with(SMOKE, 1, "a", a))).isEqualTo(RunShape.of(with(SMOKE, 2, "b", b)));
  }

  private static StatsReport run(long start, String folder, String form) {
    Map<String, Object> parameters = new HashMap<>(SMOKE.run().parameters());
    parameters.put("form", form);
    return with(SMOKE, start, folder, parameters);
  }

  private static StatsReport with(StatsReport report, long start, String folder, Map<String, Object> parameters) {
    RunInfo r = report.run();
    RunInfo info = new RunInfo(r.simulation(), r.simulationClass(), r.gatlingVersion(), folder, start,
        start + r.durationMillis(), r.durationMillis(), r.durationSeconds(), parameters, r.target(), r.gitCommit(),
        r.machine(), r.injector(), r.manifestFound());
    return new StatsReport(report.schemaVersion(), info, report.global(), report.groups(), report.requests(),
        report.slas(), report.baseline(), report.server(), report.diagnosis(), report.llm(), report.chaos());
  }
}
