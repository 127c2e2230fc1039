package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.stats.LlmUsage;
import dev.loadbearing.stats.StatsReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-side checks (stats.json {@code server}, schema version 2) and their tolerances in compare.conf. */
class ServerComparisonTest {
  private static final Path FIXTURES = Path.of("src/test/resources/compare");
  private static final Tolerances DEFAULTS = Tolerances.from(ConfigFactory.parseResources("compare.conf").resolve());
  private static final double MB = 1024 * 1024;

  private static StatsReport load(String file) {
    return StatsFiles.load(FIXTURES.resolve(file));
  }

  private static Comparison compare(String baseline, String current, Tolerances tolerances) {
    return Comparison.of(load(baseline), baseline, load(current), current, tolerances);
  }

  private static Comparison compare(StatsReport baseline, StatsReport current) {
    return Comparison.of(baseline, "baseline", current, "current", DEFAULTS);
  }

  /** server-baseline.json with its {@code server} section replaced. */
  private static StatsReport withServer(String serverJson) throws Exception {
    StatsReport r = load("server-baseline.json");
    JsonNode server = new ObjectMapper().readTree(serverJson);
    return new StatsReport(r.schemaVersion(), r.run(), r.global(), r.groups(), r.requests(), r.slas(), r.baseline(),
        server, null, null);
  }

  private static String figures(double cpu, double gcShare, double dbMillis, double heapSlopeMb, int points) {
    return String.format(java.util.Locale.ROOT, "{\"figures\": {\"serviceCpuMillisPerRequest\": %s, "
        + "\"serviceGcTimeShare\": %s, \"databaseMillisPerRequest\": %s}, \"series\": {\"%s\": "
        + "{\"mean\": 1, \"p95\": 1, \"max\": 1, \"slopePerMinute\": %s, \"points\": %d}}}",
        cpu, gcShare, dbMillis, ServerChecks.HEAP_AFTER_GC, heapSlopeMb * MB, points);
  }

  private static Check check(Comparison c, String metric) {
    return c.serverChecks().stream().filter(k -> k.metric().equals(metric)).findFirst().orElseThrow();
  }

  private static Tolerances with(String hocon) {
    return Tolerances.from(ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
  }

  @Test
  void doubledCpuPerRequestAtTheSameLatencyIsARegression() {
    Comparison c = compare("server-baseline.json", "server-cpu-doubled.json", DEFAULTS);
    assertThat(c.requestChecks()).allMatch(k -> k.verdict() == Verdict.PASS);
    assertThat(c.failures()).singleElement().satisfies(k -> {
      assertThat(k.kind()).isEqualTo("server");
      assertThat(k.row()).isEqualTo("service");
      assertThat(k.metric()).isEqualTo("CPU per request");
      assertThat(k.baseline()).isEqualTo(2.0);
      assertThat(k.current()).isEqualTo(4.0);
      assertThat(k.limit()).isEqualTo("<= 2.40 ms");
      assertThat(k.change()).isEqualTo("+100.0 %");
    });
    assertThat(c.summary()).startsWith("1 regression").contains("(29 checks)");
  }

  @Test
  void serverFiguresWithinTheirTolerancesPass() {
    Comparison c = compare("server-baseline.json", "server-within-tolerance.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.serverChecks()).extracting(Check::metric).containsExactly(
        "CPU per request", "GC time share", "time per request", "heap after GC slope");
    assertThat(c.serverChecks()).extracting(Check::verdict).containsOnly(Verdict.PASS);
    assertThat(check(c, "GC time share").unit()).isEqualTo("%");
    assertThat(check(c, "GC time share").current()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(check(c, "heap after GC slope").change()).isEqualTo("+2.90 MB/min");
  }

  @Test
  void aVersionOneBaselineSkipsTheServerSideWithOneLineSayingWhy() {
    Comparison c = compare("baseline.json", "server-cpu-doubled.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.serverChecks()).singleElement().satisfies(k -> {
      assertThat(k.verdict()).isEqualTo(Verdict.SKIPPED);
      assertThat(k.baseline()).isNull();
      assertThat(k.current()).isNull();
      assertThat(k.note()).isEqualTo("the baseline has no server section (stats.json schema version 1, from before "
          + "server telemetry): server-side figures not compared");
    });
    assertThat(c.summary()).isEqualTo("No regression (25 checks, 1 skipped)");
    assertThat(Renderers.console(c)).contains("Server side:\n  skipped: the baseline has no server section");
  }

  @Test
  void aRunWithTelemetryOffSkipsTheServerSideWithoutFailing() {
    Comparison c = compare("server-baseline.json", "server-telemetry-off.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.serverChecks()).singleElement().extracting(Check::note).asString()
        .startsWith("this run has no server section (telemetry was off (-Dtelemetry=false) or sampled nothing)");
  }

  @Test
  void aFigureAbsentOnOneSideIsSkippedNotReadAsZero() {
    Comparison c = compare("server-baseline.json", "server-no-database.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.serverChecks()).filteredOn(k -> k.verdict() == Verdict.SKIPPED)
        .extracting(Check::metric, Check::note).containsExactly(
            org.assertj.core.groups.Tuple.tuple("time per request", "no server.figures.databaseMillisPerRequest in "
                + "this run (no pg_stat_statements figures: a database the suite does not know, or the extension "
                + "missing)"),
            org.assertj.core.groups.Tuple.tuple("heap after GC slope", "no server.series[\""
                + ServerChecks.HEAP_AFTER_GC + "\"] in this run (the target exposes no "
                + "jvm_memory_heap_after_gc_bytes, or the file predates its summary)"));
    // the other way round: absent in the baseline, still skipped, never an "improvement from 0"
    assertThat(compare("server-no-database.json", "server-baseline.json", DEFAULTS).serverChecks())
        .filteredOn(k -> k.verdict() == Verdict.SKIPPED).extracting(Check::note)
        .allMatch(note -> note.contains("in the baseline"));
  }

  @Test
  void aGrowingHeapAfterGcSlopeIsARegressionByAbsoluteGrowth() {
    Comparison c = compare("server-baseline.json", "server-heap-growing.json", DEFAULTS);
    assertThat(c.failures()).singleElement().satisfies(k -> {
      assertThat(k.metric()).isEqualTo("heap after GC slope");
      assertThat(k.unit()).isEqualTo("MB/min");
      assertThat(k.baseline()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(k.current()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(k.limit()).isEqualTo("<= 5.10 MB/min");
    });
  }

  @Test
  void aFallingBaselineSlopeEarnsNoCredit() throws Exception {
    StatsReport falling = withServer(figures(2, 0.004, 0.8, -20, 120));
    assertThat(check(compare(falling, withServer(figures(2, 0.004, 0.8, 4.9, 120))), "heap after GC slope")
        .verdict()).isEqualTo(Verdict.PASS);
    assertThat(check(compare(falling, withServer(figures(2, 0.004, 0.8, 5.1, 120))), "heap after GC slope")
        .verdict()).isEqualTo(Verdict.REGRESSION);
  }

  @Test
  void aHeapSlopeOfTooFewSamplesIsNotJudged() throws Exception {
    Check k = check(compare(withServer(figures(2, 0.004, 0.8, 0, 30)), withServer(figures(2, 0.004, 0.8, 50, 30))),
        "heap after GC slope");
    assertThat(k.verdict()).isEqualTo(Verdict.FEW_SAMPLES);
    assertThat(k.note()).isEqualTo("30 samples, under compare.server.heap-after-gc-slope.min-points (60)");
  }

  @Test
  void theNoiseFloorKeepsATinyFigureFromFlagging() throws Exception {
    StatsReport tiny = withServer(figures(0.1, 0, 0.1, 0, 120));
    // +200 % but +0.2 ms: under the 0.25 ms floor
    assertThat(compare(tiny, withServer(figures(0.3, 0, 0.3, 0, 120))).regressed()).isFalse();
    assertThat(compare(tiny, withServer(figures(0.4, 0, 0.1, 0, 120))).failures())
        .extracting(Check::metric).containsExactly("CPU per request");
  }

  @Test
  void gcShareIsComparedInPercentagePoints() throws Exception {
    Comparison c = compare(withServer(figures(2, 0.004, 0.8, 0, 120)), withServer(figures(2, 0.02, 0.8, 0, 120)));
    assertThat(c.failures()).singleElement().satisfies(k -> {
      assertThat(k.metric()).isEqualTo("GC time share");
      assertThat(k.change()).isEqualTo("+1.60 pt");
      assertThat(k.limit()).isEqualTo("<= 1.40 %");
    });
  }

  @Test
  void halvedCpuPerRequestIsAnImprovement() throws Exception {
    Comparison c = compare(withServer(figures(4, 0.004, 0.8, 0, 120)), withServer(figures(2, 0.004, 0.8, 0, 120)));
    assertThat(check(c, "CPU per request").verdict()).isEqualTo(Verdict.IMPROVEMENT);
    assertThat(c.regressed()).isFalse();
  }

  @Test
  void aRunOfFewRequestsLeavesTheServerFiguresUnjudged() {
    Comparison c = compare("server-baseline.json", "server-cpu-doubled.json", with("compare.min-requests = 100000"));
    assertThat(c.regressed()).isFalse();
    assertThat(check(c, "CPU per request").verdict()).isEqualTo(Verdict.FEW_SAMPLES);
  }

  @Test
  void looserServerTolerancesAcceptTheDoubledCpu() {
    Tolerances loose = with("compare.server.service-cpu-millis-per-request.max-increase-percent = 150");
    assertThat(compare("server-baseline.json", "server-cpu-doubled.json", loose).regressed()).isFalse();
  }

  @Test
  void eachRendererShowsTheServerSideInItsOwnSection() {
    Comparison c = compare("server-baseline.json", "server-cpu-doubled.json", DEFAULTS);
    assertThat(Renderers.console(c)).containsPattern(
        "Server side:\nVerdict +Server side +Figure[^\n]*\n-+\nREGRESSION +service +CPU per request +2 ms +4 ms "
            + "+\\+100.0 % +<= 2.40 ms");
    assertThat(Renderers.markdown(c)).contains("#### Server side",
        "| **REGRESSION** | service | CPU per request | 2 ms | 4 ms | +100.0 % | &lt;= 2.40 ms |  |");
    assertThat(Renderers.junit(c)).contains("<testsuite name=\"loadbearing.compare.Spike.server\" tests=\"4\" "
        + "failures=\"1\" errors=\"0\" skipped=\"0\">", "classname=\"Spike.server.service\" name=\"CPU per request\"");
    assertThat(Renderers.html(c)).contains("<h2 id=\"server\">Server side</h2>", "aria-label=\"Server side\"");

    Comparison skipped = compare("server-baseline.json", "server-no-database.json", DEFAULTS);
    assertThat(Renderers.markdown(skipped)).contains("- skipped: database time per request: no server.figures");
    assertThat(Renderers.html(skipped)).contains("<p class=\"skipped\">skipped: database time per request");
    assertThat(Renderers.junit(skipped)).contains("skipped=\"2\"", "<skipped message=\"skipped: database time");
  }

  @Test
  void aNaNToleranceIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> with("compare.server.service-gc-time-share.noise-floor-points = NaN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compare.server.service-gc-time-share.noise-floor-points must be a number, 0 or more, not NaN");
  }

  @Test
  void aNegativeToleranceIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> with("compare.server.heap-after-gc-slope.max-increase-mb-per-minute = -1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compare.server.heap-after-gc-slope.max-increase-mb-per-minute must be a number, 0 or more, "
            + "not -1.0");
    assertThatThrownBy(() -> with("compare.defaults.latency-noise-floor-ms = -5"))
        .hasMessageStartingWith("compare.defaults.latency-noise-floor-ms must be");
    assertThatThrownBy(() -> with("compare.overrides = [{ request = x, throughput-max-drop-percent = -3 }]"))
        .hasMessageStartingWith("compare.overrides[0].throughput-max-drop-percent must be");
  }

  @Test
  void aToleranceThatIsNotANumberIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> with("compare.server.database-millis-per-request.noise-floor-ms = lots"))
        .hasMessage("compare.server.database-millis-per-request.noise-floor-ms must be a number, 0 or more, "
            + "not 'lots'");
    assertThatThrownBy(() -> with("compare.server.heap-after-gc-slope.min-points = many"))
        .hasMessageStartingWith("compare.server.heap-after-gc-slope.min-points must be a whole number");
  }

  @Test
  void anUnknownKeyIsRefusedNamingIt() {
    assertThatThrownBy(() -> with("compare.server.service-cpu-per-request.max-increase-percent = 20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key compare.server.service-cpu-per-request.max-increase-percent");
    assertThatThrownBy(() -> with("compare.overrides = [{ request = x, latency-max-increase = 30 }]"))
        .hasMessageContaining("unknown key compare.overrides[0].latency-max-increase");
  }

  private static StatsReport chatting(long chats, double usdPerUserHour) {
    LlmUsage.Chats all = new LlmUsage.Chats(chats, chats, 0, 0, 10 * chats, 40 * chats, usdPerUserHour);
    return load("server-baseline.json").withLlm(new LlmUsage(all, Map.of("assistant", all), Map.of(), 1.0,
        usdPerUserHour));
  }

  @Test
  void twiceTheLlmCostPerVirtualUserHourIsARegressionAndRunsWithoutChatsGetNoLine() {
    String metric = "LLM cost per virtual-user hour";
    Check doubled = check(compare(chatting(400, 0.04), chatting(400, 0.08)), metric);
    assertThat(doubled.verdict()).isEqualTo(Verdict.REGRESSION);
    assertThat(doubled.unit()).isEqualTo("cents");
    assertThat(doubled.baseline()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(doubled.limit()).isEqualTo("<= 5.00 cents");
    assertThat(check(compare(chatting(400, 0.04), chatting(400, 0.045)), metric).verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(check(compare(chatting(20, 0.04), chatting(20, 0.08)), metric).verdict())
        .isEqualTo(Verdict.FEW_SAMPLES);
    assertThat(check(compare(load("server-baseline.json"), chatting(400, 0.04)), metric))
        .satisfies(k -> assertThat(k.verdict()).isEqualTo(Verdict.SKIPPED))
        .satisfies(k -> assertThat(k.note()).contains("no llm.costPerVirtualUserHour in the baseline"));
    assertThat(compare(load("server-baseline.json"), load("server-baseline.json")).serverChecks())
        .noneMatch(k -> k.metric().equals(metric));
  }

  @Test
  void theComparatorsOwnOptionsAreNotUnknownKeys() {
    Tolerances t = Tolerances.load(Map.of("compare.runs", "a,b", "compare.output", "out",
        "compare.server.service-cpu-millis-per-request.noise-floor-ms", "0.5", "java.version", "17"));
    assertThat(t.server().cpu().noiseFloor()).isEqualTo(0.5);
    assertThat(t.server().cpu().maxIncreasePercent()).isEqualTo(20);
    assertThat(DEFAULTS.server()).isEqualTo(new Tolerances.Server(new Tolerances.Relative(20, 0.25),
        new Tolerances.Relative(50, 1), new Tolerances.Relative(25, 0.25), 5, 60,
        new Tolerances.Relative(25, 0.5)));
  }
}
