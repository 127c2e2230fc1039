package dev.loadbearing.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.history.FolderHistory;
import dev.loadbearing.history.Reruns;
import dev.loadbearing.report.HeadlessChromium;
import dev.loadbearing.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trend CLI on a real history folder: the page and the table, and one line with exit 2 for bad input. */
class TrendCliTest {
  private static final StatsReport SMOKE = StatsFiles.load(Path.of("baselines/Smoke.json"));
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void threeRunsMakeAPageWithOneChartPerFigureAndATableOfThem() throws Exception {
    FolderHistory history = new FolderHistory(dir.resolve("history"), w -> { });
    history.append(run(1, "run-1", "aaaaaaa1", "full"));
    history.append(run(2, "run-2", "bbbbbbb2", "short"));
    history.append(run(3, "run-3", "ccccccc3", "full"));
    history.append(run(4, "run-4", "ddddddd4", "full"));

    int exit = trend(Map.of("simulation", "Smoke"));

    assertThat(exit).as(err()).isZero();
    String page = Files.readString(dir.resolve("trend").resolve("Smoke.html"));
    assertThat(HeadlessChromium.count(page, "<svg class=\"chart\"")).isEqualTo(TrendFigures.PANELS.size());
    assertThat(page).contains("3 newest run(s) from the history folder").contains("form=full")
        .contains("1 run(s) of other shapes left out").contains("ddddddd").doesNotContain("bbbbbbb")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    assertThat(out().lines().filter(l -> l.contains("ddddddd"))).singleElement().asString()
        .contains(" " + SMOKE.global().p95() + " ");
    assertThat(out()).contains("started (UTC)").contains("Loadbearing trend: " + dir.resolve("trend")
        .resolve("Smoke.html"));
    assertThat(err()).isEmpty();
  }

  @Test
  void trendRunsLimitsTheRunsCharted() {
    FolderHistory history = new FolderHistory(dir.resolve("history"), w -> { });
    for (int i = 1; i <= 4; i++) {
      history.append(run(i, "run-" + i, "commit" + i, "full"));
    }

    assertThat(trend(Map.of("simulation", "SmokeSimulation", "trend.runs", "2"))).isZero();

    assertThat(out()).contains("2 newest run(s)").contains("commit4").contains("commit3").doesNotContain("commit2");
  }

  @Test
  void aSimulationWithoutRunsIsOneLineAndExitTwo() {
    assertThat(trend(Map.of("simulation", "Nope"))).isEqualTo(TrendCli.INPUT_ERROR);

    assertThat(err()).startsWith("trend: no runs of Nope in the history folder").contains("gatling:test")
        .hasLineCount(1);
    assertThat(dir.resolve("trend")).doesNotExist();
  }

  @Test
  void badTrendRunsIsOneLineAndExitTwo() {
    for (String bad : new String[] {"abc", "0", "-3", "1001", "2.5"}) {
      err.reset();
      assertThat(trend(Map.of("simulation", "Smoke", "trend.runs", bad))).isEqualTo(TrendCli.INPUT_ERROR);
      assertThat(err()).isEqualTo("trend: -Dtrend.runs=" + bad + ": expected a whole number from 1 to 1000\n");
    }
  }

  @Test
  void noSimulationOrANameThatIsNoneIsOneLineAndExitTwo() {
    assertThat(trend(Map.of())).isEqualTo(TrendCli.INPUT_ERROR);
    assertThat(err()).startsWith("trend: no -Dsimulation given. Usage:").hasLineCount(1);
    err.reset();
    assertThat(trend(Map.of("simulation", "../../etc"))).isEqualTo(TrendCli.INPUT_ERROR);
    assertThat(err()).startsWith("trend: -Dsimulation=../../etc: not a simulation name").hasLineCount(1);
  }

  @Test
  void historyOffOrABadUrlIsOneLineAndExitTwo() {
    assertThat(trend(Map.of("simulation", "Smoke", "history", "false"))).isEqualTo(TrendCli.INPUT_ERROR);
    assertThat(err()).isEqualTo("trend: -Dhistory=false: there is no history to chart\n");
    err.reset();
    assertThat(trend(Map.of("simulation", "Smoke", "history.url", "jdbc:postgresql://127.0.0.1:1/x")))
        .isEqualTo(TrendCli.INPUT_ERROR);
    assertThat(err()).startsWith("trend: cannot read the history table loadbearing_runs").hasLineCount(1);
  }

  private int trend(Map<String, String> given) {
    Map<String, String> properties = new HashMap<>(Map.of("history.dir", dir.resolve("history").toString(),
        "trend.dir", dir.resolve("trend").toString()));
    properties.putAll(given);
    return new TrendCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(properties);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The baseline Smoke run as the run of another day and commit. */
  static StatsReport run(int day, String folder, String commit, String form) {
    Map<String, Object> parameters = new HashMap<>(SMOKE.run().parameters());
    parameters.put("form", form);
    return Reruns.of(SMOKE, SMOKE.run().start() + day * DAY, folder, commit, parameters);
  }
}
