package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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
    StatsExporter.write(run.resolve(StatsExporter.FILE_NAME), StatsExporter.compute(run, null));
    long start = StatsExporter.compute(run, null).run().start();
    Telemetry telemetry = shifted(ServerSideTest.telemetry(), start - ServerSideTest.RUN_START);
    page = RunReport.write(run, ServerSide.sections(telemetry, Diagnosis.of(telemetry, null), start, List.of()));
  }

  @Test
  void chromiumBuildsEveryChartWithItsLines() throws Exception {
    String dom = HeadlessChromium.dumpDom(page, dir.resolve("profile"));

    assertThat(count(dom, "<svg class=\"chart\"")).as("charts in the DOM: 2 of requests, CPU, memory")
        .isEqualTo(4);
    Matcher lines = Pattern.compile("<polyline class=\"series\" data-name=\"([^\"]+)\"[^>]*points=\"([^\"]*)\"")
        .matcher(dom);
    int drawn = 0;
    while (lines.find()) {
      assertThat(lines.group(2).split(" ")).as("points of " + lines.group(1)).hasSizeGreaterThan(0);
      drawn++;
    }
    assertThat(drawn).as("lines: requests, errors, p50, p95, p99, service CPU, service RSS").isEqualTo(7);
    assertThat(dom).contains("Leak verdict").contains("SLAs").contains("All Requests");
  }

  @Test
  void theScreenshotShowsTheRequestLine() throws Exception {
    Path png = HeadlessChromium.screenshot(page, dir.resolve("profile"), dir.resolve("report.png"), 1000, 700);

    // Kept for a person to look at: target/loadbearing/report-chromium.png
    Files.copy(png, Files.createDirectories(Path.of("target", "loadbearing")).resolve("report-chromium.png"),
        StandardCopyOption.REPLACE_EXISTING);
    BufferedImage image = ImageIO.read(png.toFile());
    long requestBlue = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (Math.abs((rgb >> 16) - 0x1f) < 30 && Math.abs(((rgb >> 8) & 0xFF) - 0x77) < 30
            && Math.abs((rgb & 0xFF) - 0xb4) < 30) {
          requestBlue++;
        }
      }
    }
    assertThat(requestBlue).as("pixels in the requests line's colour in the screenshot").isGreaterThan(100);
  }

  /** The same series, moved in time to this run. */
  private static Telemetry shifted(Telemetry telemetry, long by) {
    Map<String, Series> series = new TreeMap<>();
    telemetry.series().forEach((name, s) -> series.put(name, new Series(name,
        Arrays.stream(s.times()).map(t -> t + by).toArray(), s.values())));
    return Telemetry.of(telemetry.start() + by, telemetry.end() + by, telemetry.intervalMillis(), telemetry.cores(),
        series, telemetry.notes(), telemetry.statements());
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
