package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.report.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare.html as {@code mvn exec:java@compare -Dcompare.runs=A,B} writes it, opened in a real headless Chromium:
 * the verdict, the regressed request and server rows, the broken server SLA and the bar charts are on the page.
 * Baseline: the server-baseline fixture; current: the doubled-CPU fixture with POST /api/orders twice as slow and
 * a broken server-side SLA.
 */
class CompareChromiumIT {
  private static final Path FIXTURES = Path.of("src/test/resources/compare");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private Path page;
  private int exitCode;

  @BeforeEach
  void writeComparison() throws Exception {
    HeadlessChromium.assumeInstalled();
    Path current = dir.resolve("current.json");
    JSON.writeValue(current.toFile(), slowerOrdersAndABrokenServerSla(FIXTURES.resolve("server-cpu-doubled.json")));
    Path output = dir.resolve("compare");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    exitCode = new CompareCli(print, print).run(Map.of("compare.runs", FIXTURES.resolve("server-baseline.json")
        + "," + current, "compare.output", output.toString()), new String[0]);
    page = output.resolve("compare.html");
    assertThat(page).as("compare.html; the comparator said: " + out.toString(StandardCharsets.UTF_8)).exists();
  }

  @Test
  void chromiumShowsTheVerdictTheRegressionsAndTheirBars() throws Exception {
    String dom = HeadlessChromium.dumpDom(page, dir.resolve("profile"));

    assertThat(exitCode).as("the comparator's exit code: regression").isEqualTo(CompareCli.REGRESSION);
    assertThat(dom).contains("❌ ").contains("against its baseline");
    List<String> failed = rows(dom, "fail");
    assertThat(failed).as("rows marked as failing")
        .anySatisfy(row -> assertThat(row).contains("REGRESSION").contains("shop / POST /api/orders").contains("p95"))
        .anySatisfy(row -> assertThat(row).contains("REGRESSION").contains("CPU per request"))
        .anySatisfy(row -> assertThat(row).contains("SLA BROKEN").contains("serviceCpuP95Percent"));
    assertThat(dom).contains("<h2 id=\"server\">Server side</h2>");
    assertThat(HeadlessChromium.count(dom, "<svg")).as("bar charts: one per request row and the server side")
        .isGreaterThanOrEqualTo(4);
    assertThat(HeadlessChromium.count(dom, "fill=\"#c53030\"")).as("bars in the regression colour").isPositive();
  }

  @Test
  void theScreenshotShowsARegressionBar() throws Exception {
    // Kept for a person to look at: target/loadbearing/compare-chromium.png
    Path png = HeadlessChromium.keep(HeadlessChromium.screenshot(page, dir.resolve("profile"),
        dir.resolve("compare.png"), 1200, 900), "compare-chromium.png");
    assertThat(HeadlessChromium.pixelsNear(png, 0xc53030, 25))
        .as("pixels in the regression bars' red in the screenshot").isGreaterThan(100);
  }

  /** The fixture with every latency of POST /api/orders doubled and a broken server-side SLA. */
  private static ObjectNode slowerOrdersAndABrokenServerSla(Path fixture) throws Exception {
    ObjectNode stats = (ObjectNode) JSON.readTree(fixture.toFile());
    for (var request : stats.withArray("requests")) {
      if (request.path("key").asText().equals("shop / POST /api/orders")) {
        for (String metric : List.of("mean", "p50", "p75", "p90", "p95", "p99", "p999", "max")) {
          ((ObjectNode) request).put(metric, request.path(metric).asLong() * 2);
        }
      }
    }
    ArrayNode slas = stats.putArray("slas");
    slas.addObject().put("scope", "server").put("metric", "serviceCpuP95Percent").put("operator", "lt")
        .put("threshold", 80).put("actual", 91.5).put("passed", false).put("note", "p95 1.83 cores of 2");
    return stats;
  }

  /** The text of each table row with this class. */
  private static List<String> rows(String dom, String css) {
    Matcher m = Pattern.compile("<tr class=\"" + css + "\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
    List<String> rows = new ArrayList<>();
    while (m.find()) {
      rows.add(m.group(1).replaceAll("<[^>]+>", " "));
    }
    return rows;
  }
}
