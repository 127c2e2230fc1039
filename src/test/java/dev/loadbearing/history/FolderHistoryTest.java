package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder store, on a real folder: the contract, plus what only a folder has. */
class FolderHistoryTest extends RunHistoryContract {
  @TempDir
  Path dir;

  @Override
  RunHistory history() {
    return new FolderHistory(dir, warnings::add);
  }

  @Override
  void plantUnreadable(String simulation, long start, String runFolder) throws Exception {
    Files.writeString(file(simulation, start, runFolder), "{\"schemaVersion\": 2,");
  }

  @Override
  boolean stillThere(String simulation, long start, String runFolder) {
    return Files.exists(file(simulation, start, runFolder));
  }

  private Path file(String simulation, long start, String runFolder) {
    return dir.resolve(simulation).resolve(start + "-" + runFolder + ".json");
  }

  @Test
  void eachRunIsOneFileNamedByItsStart() {
    history().append(run(1000, "run-1", "full"));

    assertThat(dir.resolve("Smoke").resolve("1000-run-1.json")).isRegularFile();
    assertThat(dir.resolve("Smoke")).isDirectoryNotContaining("glob:**.tmp");
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
}
