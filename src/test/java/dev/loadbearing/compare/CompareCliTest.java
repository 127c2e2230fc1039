package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The comparator end to end: options, files, outputs and exit codes. */
class CompareCliTest {
  private static final Path FIXTURES = Path.of("src/test/resources/compare");

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("compare.output=" + dir.resolve("out"));
    all.add("compare.baselines=" + dir.resolve("baselines"));
    all.add("compare.results=" + dir.resolve("gatling"));
    return new CompareCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(Map.of(), all.toArray(String[]::new));
  }

  private String runs(String a, String b) {
    return "compare.runs=" + FIXTURES.resolve(a) + "," + FIXTURES.resolve(b);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exitsZeroWithoutRegression() {
    assertThat(run(runs("baseline.json", "within-tolerance.json"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASS: No regression");
  }

  @Test
  void exitsOneOnRegressionAndWritesAllThreeReports() throws Exception {
    assertThat(run(runs("baseline.json", "orders-slower.json"))).isEqualTo(1);
    Path md = dir.resolve("out/compare.md");
    Path html = dir.resolve("out/compare.html");
    assertThat(Files.readString(md))
        .contains("### ❌ Loadbearing: Spike", "| **REGRESSION** | shop / POST /api/orders | p95 |");
    assertThat(Files.readString(html)).contains("<svg", "shop / POST /api/orders", "#c53030").doesNotContain("<script");
    assertThat(dir.resolve("out/compare-junit.xml")).exists();
  }

  @Test
  void writesJUnitXmlThatParsesWithOneTestCasePerRequestAndMetric() throws Exception {
    assertThat(run(runs("baseline.json", "health-missing-tenants-new.json"))).isZero();
    run(runs("baseline.json", "orders-slower.json"));
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("out/compare-junit.xml").toFile());
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(25).isEqualTo(Integer.parseInt(suite.getAttribute("tests")));
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    NodeList failures = xml.getElementsByTagName("failure");
    assertThat(failures.getLength()).isEqualTo(2);
    Element failed = (Element) failures.item(0).getParentNode();
    assertThat(failed.getAttribute("classname")).isEqualTo("Spike.shop / POST /api/orders");
    assertThat(failed.getAttribute("name")).isEqualTo("p95");
    assertThat(((Element) failures.item(0)).getAttribute("message")).contains("baseline 90 ms, current 200 ms");
  }

  @Test
  void exitsOneWhenCpuPerRequestDoubledAtTheSameLatency() throws Exception {
    assertThat(run(runs("server-baseline.json", "server-cpu-doubled.json"))).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Server side:", "FAIL: 1 regression")
        .containsPattern("REGRESSION +service +CPU per request +2 ms +4 ms");
    assertThat(Files.readString(dir.resolve("out/compare.md"))).contains("#### Server side",
        "| **REGRESSION** | service | CPU per request |");
    assertThat(Files.readString(dir.resolve("out/compare.html"))).contains("Server side", "CPU per request");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("out/compare-junit.xml").toFile());
    Element server = (Element) xml.getElementsByTagName("testsuite").item(1);
    assertThat(server.getAttribute("name")).isEqualTo("loadbearing.compare.Spike.server");
    assertThat(server.getAttribute("failures")).isEqualTo("1");
    Element failed = (Element) server.getElementsByTagName("failure").item(0).getParentNode();
    assertThat(failed.getAttribute("name")).isEqualTo("CPU per request");
  }

  @Test
  void exitsZeroWithServerFiguresWithinTolerance() {
    assertThat(run(runs("server-baseline.json", "server-within-tolerance.json"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Server side:", "PASS: No regression (29 checks)");
  }

  @Test
  void exitsZeroSkippingTheServerSideAgainstAVersionOneBaseline() throws Exception {
    assertThat(run(runs("baseline.json", "server-cpu-doubled.json"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Server side:\n  skipped: the baseline has no server section (stats.json schema version 1",
            "PASS: No regression (25 checks, 1 skipped)");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("out/compare-junit.xml").toFile());
    Element server = (Element) xml.getElementsByTagName("testsuite").item(1);
    assertThat(server.getAttribute("skipped")).isEqualTo("1");
    assertThat(((Element) server.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .contains("the baseline has no server section");
  }

  @Test
  void exitsTwoOnANaNToleranceNamingTheKey() {
    assertThat(run(runs("server-baseline.json", "server-cpu-doubled.json"),
        "compare.server.service-cpu-millis-per-request.max-increase-percent=NaN")).isEqualTo(2);
    assertThat(err()).contains("compare: compare.server.service-cpu-millis-per-request.max-increase-percent "
        + "must be a number, 0 or more, not NaN");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void exitsTwoOnAnUnknownToleranceKey() {
    assertThat(run(runs("server-baseline.json", "server-cpu-doubled.json"),
        "-Dcompare.server.cpu-per-request.max-increase-percent=20")).isEqualTo(2);
    assertThat(err()).contains("unknown key compare.server.cpu-per-request.max-increase-percent");
  }

  @Test
  void exitsTwoWithHowToCreateAMissingBaseline() {
    assertThat(run("simulation=Spike")).isEqualTo(2);
    assertThat(err()).contains("no baseline", "Spike.json", "-Dbaseline.update=true");
  }

  @Test
  void exitsTwoOnUsageErrors() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("say what to compare", "Usage:");
    assertThat(run("compare.runs=onlyone")).isEqualTo(2);
    assertThat(run("simulation=Spike", "baseline.update=maybe")).isEqualTo(2);
  }

  @Test
  void exitsTwoSayingWhatIsWrongWithAMalformedFile() {
    assertThat(run(runs("baseline.json", "malformed.json"))).isEqualTo(2);
    assertThat(err()).contains("malformed.json: not valid JSON at line");
  }

  @Test
  void exitsTwoSayingATruncatedFileIsTruncated() {
    assertThat(run(runs("truncated.json", "baseline.json"))).isEqualTo(2);
    assertThat(err()).contains("truncated.json: truncated");
  }

  @Test
  void exitsTwoOnAnIncompatibleSchemaVersion() {
    assertThat(run(runs("baseline.json", "schema-v3.json"))).isEqualTo(2);
    assertThat(err()).contains("schemaVersion 3 but this comparator reads schemaVersion [1, 2]");
  }

  @Test
  void exitsTwoOnAJsonFileThatIsNotStats() {
    assertThat(run(runs("not-stats.json", "baseline.json"))).isEqualTo(2);
    assertThat(err()).contains("not-stats.json: no \"schemaVersion\"");
  }

  @Test
  void exitsTwoWhenThereIsNoRunToCompare() throws Exception {
    Files.createDirectories(dir.resolve("baselines"));
    Files.copy(FIXTURES.resolve("baseline.json"), dir.resolve("baselines/Spike.json"));
    assertThat(run("simulation=Spike")).isEqualTo(2);
    assertThat(err()).contains("no run of SpikeSimulation", "mvn gatling:test -Dsimulation=Spike");
  }

  @Test
  void promotesTheNewestRunToTheBaselineWithItsMachineAndComparesAgainstIt() throws Exception {
    Path older = Files.createDirectories(dir.resolve("gatling/spikesimulation-20261122050000000"));
    Path newer = Files.createDirectories(dir.resolve("gatling/spikesimulation-20261122060000000"));
    for (Path run : List.of(older, newer)) {
      Files.write(run.resolve("simulation.log"), new byte[0]);
    }
    Files.copy(FIXTURES.resolve("faster.json"), older.resolve("stats.json"));
    Files.copy(FIXTURES.resolve("baseline.json"), newer.resolve("stats.json"));

    assertThat(run("simulation=Spike", "baseline.update=true")).isZero();
    Path baseline = dir.resolve("baselines/Spike.json");
    String text = Files.readString(baseline);
    assertThat(text).contains("\"baseline\"", "\"fromRun\" : \"spikesimulation-20261122060000000\"", "\"cores\" : 2");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("machine: 2 cores");

    assertThat(run("simulation=Spike")).isZero();
    Files.copy(FIXTURES.resolve("orders-slower.json"), newer.resolve("stats.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(run("simulation=Spike")).isEqualTo(1);
  }
}
