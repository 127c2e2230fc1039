package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Grade;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of a real Smoke run, opened in a real headless Chromium: the charts are there and drawn. */
class RunReportChromiumIT {
  private static final Path REAL_RUN = Path.of("src/test/resources/gatling-runs/smokesimulation-20261122051417601");

  @TempDir
  Path dir;
  private Path page;

  @BeforeEach
  void writeReport() throws Exception {
    HeadlessChromium.assumeInstalled();
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.copy(REAL_RUN.resolve("simulation.log"), run.resolve("simulation.log"));
    StatsReport stats = StatsExporter.compute(run, null);
    StatsExporter.write(run.resolve(StatsExporter.FILE_NAME), stats);
    long start = stats.run().start();
    Telemetry telemetry = shifted(ServerSideTest.telemetry(), start - ServerSideTest.RUN_START);
    Diagnosis diagnosis = Diagnosis.of(telemetry, stats);
    page = RunReport.write(run, ServerSide.sections(telemetry, diagnosis, Grade.of(stats, telemetry, diagnosis),
        start, List.of()));
  }

  @Test
  void chromiumBuildsEveryChartWithItsLines() throws Exception {
    String dom = HeadlessChromium.dumpDom(page, dir.resolve("profile"));

    assertThat(HeadlessChromium.count(dom, "<svg class=\"chart\""))
        .as("charts in the DOM: 2 of requests, CPU, memory")
        .isEqualTo(4);
    Matcher lines = Pattern.compile("<polyline class=\"series\" data-name=\"([^\"]+)\"[^>]*points=\"([^\"]*)\"")
        .matcher(dom);
    int drawn = 0;
    while (lines.find()) {
      assertThat(lines.group(2).split(" ")).as("points of " + lines.group(1)).hasSizeGreaterThan(0);
      drawn++;
    }
    assertThat(drawn).as("lines: requests, errors, p50, p95, p99, service CPU, service RSS").isEqualTo(7);
    assertThat(dom).contains("Leak verdict").contains("Grade: <b>").contains("SLAs").contains("All Requests");
  }

  @Test
  void theScreenshotShowsTheRequestLine() throws Exception {
    // Kept for a person to look at: target/loadbearing/report-chromium.png
    Path png = HeadlessChromium.keep(HeadlessChromium.screenshot(page, dir.resolve("profile"),
        dir.resolve("report.png"), 1000, 700), "report-chromium.png");
    assertThat(HeadlessChromium.pixelsNear(png, 0x1f77b4, 30))
        .as("pixels in the requests line's colour in the screenshot").isGreaterThan(100);
  }

  /** The same series, moved in time to this run. */
  private static Telemetry shifted(Telemetry telemetry, long by) {
    Map<String, Series> series = new TreeMap<>();
    telemetry.series().forEach((name, s) -> series.put(name, new Series(name,
        Arrays.stream(s.times()).map(t -> t + by).toArray(), s.values())));
    return Telemetry.of(telemetry.start() + by, telemetry.end() + by, telemetry.intervalMillis(), telemetry.cores(),
        series, telemetry.notes(), telemetry.statements());
  }

}
