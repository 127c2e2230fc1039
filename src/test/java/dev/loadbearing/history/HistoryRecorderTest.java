package dev.loadbearing.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording a finished run: into the store the properties name, or one warning line, never an exception. */
class HistoryRecorderTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void aRunIsAppendedToTheFolderAndSaysWhere() {
    record(RunHistoryContract.run(1000, "run-1", "full"), Map.of("history.dir", dir.toString()));

    assertThat(new FolderHistory(dir, w -> { }).latest("Smoke")).isPresent();
    assertThat(printed()).isEqualTo("Loadbearing history: Smoke run-1 appended to history folder " + dir + "\n");
  }

  @Test
  void anInjectorsPartOfASplitRunIsNotRecordedButTheMergedRunIs() {
    record(split(Map.of("injectors", 2, "injectorIndex", 1), "part-1"), Map.of("history.dir", dir.toString()));
    record(split(Map.of("injectors", 2), "merged-1"), Map.of("history.dir", dir.toString()));

    assertThat(new FolderHistory(dir, w -> { }).latest("Smoke"))
        .hasValueSatisfying(r -> assertThat(r.run().runFolder()).isEqualTo("merged-1"));
    assertThat(printed()).startsWith("Loadbearing history: not recorded: injector part of a split run");
  }

  @Test
  void historyFalseRecordsNothing() {
    record(RunHistoryContract.run(1000, "run-1", "full"), Map.of("history", "false", "history.dir", dir.toString()));

    assertThat(dir).isEmptyDirectory();
    assertThat(printed()).isEmpty();
  }

  @Test
  void aFolderThatCannotBeWrittenIsOneWarningLine() throws Exception {
    Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x");

    record(RunHistoryContract.run(1000, "run-1", "full"), Map.of("history.dir", aFile.toString()));

    assertThat(printed().lines()).singleElement().asString()
        .startsWith("Loadbearing history: WARNING: run not recorded: ").contains("not-a-folder")
        .contains("-Dhistory=false");
  }

  @Test
  void aBadHistoryValueIsOneWarningLine() {
    record(RunHistoryContract.run(1000, "run-1", "full"), Map.of("history", "yes"));

    assertThat(printed()).isEqualTo("Loadbearing history: WARNING: run not recorded: -Dhistory=yes: expected true "
        + "or false\n");
  }

  @Test
  void aUrlOfAnotherDatabaseIsOneWarningLineWithoutItsPassword() {
    record(RunHistoryContract.run(1000, "run-1", "full"),
        Map.of("history.url", "jdbc:mysql://db/runs?password=secret"));

    assertThat(printed().lines()).singleElement().asString().contains("expected jdbc:postgresql:")
        .doesNotContain("secret");
  }

  @Test
  void aDatabaseNobodyListensOnIsOneWarningLine() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    record(RunHistoryContract.run(1000, "run-1", "full"),
        Map.of("history.url", "jdbc:postgresql://127.0.0.1:" + port + "/runs?password=secret"));

    assertThat(printed().lines()).singleElement().asString()
        .startsWith("Loadbearing history: WARNING: run not recorded: cannot append to the history table "
            + "loadbearing_runs at jdbc:postgresql://127.0.0.1:" + port + "/runs?…")
        .contains("is the database up").doesNotContain("secret");
  }

  private void record(StatsReport run, Map<String, String> properties) {
    HistoryRecorder.record(run, properties, console, console);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static StatsReport split(Map<String, Object> split, String folder) {
    Map<String, Object> parameters = new HashMap<>(RunHistoryContract.SMOKE.run().parameters());
    parameters.putAll(split);
    return RunHistoryContract.with(RunHistoryContract.SMOKE, 1000, folder, parameters);
  }
}
