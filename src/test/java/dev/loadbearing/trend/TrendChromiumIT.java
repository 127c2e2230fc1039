package dev.loadbearing.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.history.FolderHistory;
import dev.loadbearing.history.Reruns;
import dev.loadbearing.report.HeadlessChromium;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.suite.simulations.SmokeSimulation;
import dev.loadbearing.suite.support.ForkedGatling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "done when": Smoke runs, then the trend page, opened in a real headless Chromium. One real Smoke
 * run records itself into a fresh history; two earlier runs are that run's stats.json re-dated and re-committed
 * (three real runs would cost two more minutes of the shared machine for the same code path: docs/HISTORY.md).
 */
class TrendChromiumIT {
  private static final long DAY = 86_400_000L;

  @Test
  void aRealSmokeRunRecordsItselfAndTheTrendPageDrawsEveryFigure() throws Exception {
    HeadlessChromium.assumeInstalled();
    Path base = Files.createDirectories(Path.of("target", "loadbearing", "trend-it-" + System.currentTimeMillis())
        .toAbsolutePath());
    Path historyDir = base.resolve("history");
    ForkedGatling smoke = ForkedGatling.run(SmokeSimulation.class, Map.of("history.dir", historyDir.toString()),
        Duration.ofMinutes(3));
    assertThat(smoke.exitCode()).as("Smoke's exit code").isZero();
    StatsReport real = StatsFiles.load(smoke.statsJson());
    assertThat(smoke.output()).contains("Loadbearing history: Smoke " + real.run().runFolder()
        + " appended to history folder " + historyDir);

    List<String> warnings = new ArrayList<>();
    FolderHistory history = new FolderHistory(historyDir, warnings::add);
    assertThat(history.latest("Smoke")).hasValueSatisfying(recorded -> {
      assertThat(recorded.global()).isEqualTo(real.global());
      assertThat(recorded.server()).as("the server side and diagnosis are in the recorded run").isNotNull();
    });
    history.append(earlier(real, 2, "0000002"));
    history.append(earlier(real, 1, "0000001"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new TrendCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(Map.of(
        "simulation", "Smoke", "history.dir", historyDir.toString(), "trend.dir", base.resolve("trend").toString()));
    assertThat(exit).isZero();
    Path page = base.resolve("trend").resolve("Smoke.html");

    HeadlessChromium.Loaded loaded = HeadlessChromium.load(page, base.resolve("profile"));

    assertThat(loaded.console()).as("console messages").isEmpty();
    assertThat(HeadlessChromium.count(loaded.dom(), "<svg class=\"chart\"")).as("one chart per figure")
        .isEqualTo(TrendFigures.PANELS.size());
    Matcher lines = Pattern.compile("<polyline class=\"series\" data-name=\"([^\"]+)\"[^>]*points=\"([^\"]*)\"")
        .matcher(loaded.dom());
    int drawn = 0;
    while (lines.find()) {
      assertThat(lines.group(2).split(" ")).as("points of " + lines.group(1)).hasSize(3);
      drawn++;
    }
    assertThat(drawn).as("lines: p50, p95, p99, throughput, errors, CPU, database, heap").isEqualTo(8);
    String newest = TrendCli.label(real);
    assertThat(loaded.dom()).as("the newest run's p95 in its tooltip, as in its stats.json")
        .contains("<title>" + newest + ": p95 " + real.global().p95() + " ms</title>")
        .contains("3 newest run(s)").contains("0 run(s) of other shapes left out");
    assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(newest.substring(12))))
        .as("the console table's line of the newest run").singleElement().asString()
        .contains(" " + real.global().p95() + " ");
    // Kept for a person to look at: target/loadbearing/trend-chromium.png
    Path png = HeadlessChromium.keep(HeadlessChromium.screenshot(page, base.resolve("profile"),
        base.resolve("trend.png"), 1000, 800), "trend-chromium.png");
    assertThat(HeadlessChromium.pixelsNear(png, 0x1f77b4, 30)).as("pixels of the p50 line's colour").isGreaterThan(50);
    assertThat(warnings).isEmpty();
  }

  /** The real run as one of {@code days} earlier at another commit: the same numbers, its own place in time. */
  private static StatsReport earlier(StatsReport real, int days, String commit) {
    return Reruns.of(real, real.run().start() - days * DAY, real.run().runFolder() + "-" + commit, commit,
        real.run().parameters());
  }
}
