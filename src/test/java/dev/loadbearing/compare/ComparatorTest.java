package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.loadbearing.compare.Check.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comparator logic on the fixture stats files in src/test/resources/compare. */
class ComparatorTest {
  private static final Path FIXTURES = Path.of("src/test/resources/compare");
  private static final Tolerances DEFAULTS = Tolerances.from(ConfigFactory.parseResources("compare.conf").resolve());

  private static Comparison compare(String baseline, String current, Tolerances tolerances) {
    return Comparison.of(StatsFiles.load(FIXTURES.resolve(baseline)), baseline,
        StatsFiles.load(FIXTURES.resolve(current)), current, tolerances);
  }

  private static List<Check> failures(Comparison c) {
    return c.failures();
  }

  @Test
  void passesWhenTheRunIsTheBaseline() {
    Comparison c = compare("baseline.json", "baseline.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.requestChecks()).allMatch(k -> k.verdict() == Verdict.PASS);
    // 5 rows (whole run, 1 group, 3 requests) x (p50, p95, p99, throughput, error rate)
    assertThat(c.requestChecks()).hasSize(25);
    // version 1 on both sides: one line saying the server side was not compared
    assertThat(c.serverChecks()).singleElement().extracting(Check::verdict).isEqualTo(Verdict.SKIPPED);
  }

  @Test
  void passesWithinTheTolerances() {
    Comparison c = compare("baseline.json", "within-tolerance.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.checks()).filteredOn(k -> k.kind().equals("sla")).singleElement()
        .extracting(Check::verdict).isEqualTo(Verdict.PASS);
  }

  @Test
  void flagsASlowerRequestAsARegressionOnTheMetricsThatGrew() {
    Comparison c = compare("baseline.json", "orders-slower.json", DEFAULTS);
    assertThat(c.regressed()).isTrue();
    assertThat(failures(c)).extracting(Check::row, Check::metric).containsExactly(
        org.assertj.core.groups.Tuple.tuple("shop / POST /api/orders", "p95"),
        org.assertj.core.groups.Tuple.tuple("shop / POST /api/orders", "p99"));
    Check p95 = failures(c).get(0);
    assertThat(p95.baseline()).isEqualTo(90.0);
    assertThat(p95.current()).isEqualTo(200.0);
    assertThat(p95.limit()).isEqualTo("<= 99 ms");
    assertThat(p95.change()).isEqualTo("+122.2 %");
  }

  @Test
  void doesNotJudgeATailPercentileFromTooFewRequests() {
    Tolerances strictTail = Tolerances.from(ConfigFactory.parseString("compare.min-tail-samples = 1000000")
        .withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
    Comparison c = compare("baseline.json", "orders-slower.json", strictTail);
    assertThat(c.regressed()).isFalse();
    assertThat(c.checks()).filteredOn(k -> k.row().equals("shop / POST /api/orders") && k.metric().equals("p95"))
        .singleElement().extracting(Check::verdict).isEqualTo(Verdict.FEW_SAMPLES);
  }

  @Test
  void reportsAnImprovementWithoutFailing() {
    Comparison c = compare("baseline.json", "faster.json", DEFAULTS);
    assertThat(c.regressed()).isFalse();
    assertThat(c.count(Verdict.IMPROVEMENT)).isGreaterThan(0);
    assertThat(c.summary()).startsWith("No regression,").contains("improvements");
  }

  @Test
  void theOtherWayRoundAFasterBaselineIsARegression() {
    assertThat(compare("faster.json", "baseline.json", DEFAULTS).regressed()).isTrue();
  }

  @Test
  void ignoresGrowthUnderTheNoiseFloor() {
    Comparison c = compare("baseline.json", "health-noise.json", DEFAULTS);
    assertThat(c.checks()).filteredOn(k -> k.row().equals("GET /health") && k.unit().equals("ms"))
        .extracting(Check::verdict).containsOnly(Verdict.PASS);
    assertThat(c.regressed()).isFalse();
  }

  @Test
  void aNoiseFloorOfZeroMakesTheSameGrowthARegression() {
    Tolerances strict = Tolerances.from(ConfigFactory.parseString("compare.defaults.latency-noise-floor-ms = 0")
        .withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
    assertThat(compare("baseline.json", "health-noise.json", strict).failures())
        .extracting(Check::row).containsOnly("GET /health");
  }

  @Test
  void reportsRequestsPresentOnOneSideOnlyAsRowsWithoutFailing() {
    Comparison c = compare("baseline.json", "health-missing-tenants-new.json", DEFAULTS);
    assertThat(c.checks()).filteredOn(k -> k.verdict() == Verdict.MISSING_IN_CURRENT)
        .extracting(Check::row).containsExactly("GET /health");
    assertThat(c.checks()).filteredOn(k -> k.verdict() == Verdict.NEW_IN_CURRENT)
        .extracting(Check::row).containsExactly("GET /api/tenants");
    assertThat(c.regressed()).isFalse();
    assertThat(Renderers.console(c)).contains("missing now", "GET /health", "new", "GET /api/tenants");
  }

  @Test
  void reportsTheBaselineMissingARequestFromTheOtherSideToo() {
    Comparison c = compare("health-missing-tenants-new.json", "baseline.json", DEFAULTS);
    assertThat(c.checks()).filteredOn(k -> k.verdict() == Verdict.MISSING_IN_CURRENT)
        .extracting(Check::row).containsExactly("GET /api/tenants");
    assertThat(c.checks()).filteredOn(k -> k.verdict() == Verdict.NEW_IN_CURRENT)
        .extracting(Check::row).containsExactly("GET /health");
  }

  @Test
  void aPerRequestToleranceLetsThatRequestGrowMore() {
    Tolerances loose = Tolerances.from(ConfigFactory.parseString(
            "compare.overrides = [{ request = \"POST /api/orders\", latency-max-increase-percent = 300,"
                + " reason = \"cold cache\" }]")
        .withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
    Comparison c = compare("baseline.json", "orders-slower.json", loose);
    assertThat(c.regressed()).isFalse();
    assertThat(c.checks()).filteredOn(k -> k.row().equals("shop / POST /api/orders") && k.metric().equals("p95"))
        .singleElement().satisfies(k -> assertThat(k.note()).isEqualTo("cold cache"));
  }

  @Test
  void aPerMetricOverrideAppliesToThatMetricOnly() {
    Tolerances p99Loose = Tolerances.from(ConfigFactory.parseString(
            "compare.overrides = [{ request = \"shop / POST /api/orders\", metric = p99,"
                + " latency-max-increase-percent = 300 }]")
        .withFallback(ConfigFactory.parseResources("compare.conf")).resolve());
    assertThat(compare("baseline.json", "orders-slower.json", p99Loose).failures())
        .extracting(Check::metric).containsExactly("p95");
  }

  @Test
  void flagsAnErrorRateRiseAboveTheAllowedPoints() {
    Comparison c = compare("baseline.json", "products-errors.json", DEFAULTS);
    assertThat(c.failures()).extracting(Check::row, Check::metric)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /api/products", "errorRate"));
    assertThat(c.failures().get(0).change()).isEqualTo("+0.40 pt");
  }

  @Test
  void flagsAThroughputDropOfMoreThanTenPercent() {
    assertThat(compare("baseline.json", "throughput-drop.json", DEFAULTS).failures())
        .extracting(Check::row, Check::metric)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("All Requests", "throughput"));
  }

  @Test
  void aBrokenSlaFailsTheComparison() {
    Comparison c = compare("baseline.json", "sla-broken.json", DEFAULTS);
    assertThat(c.failures()).singleElement().satisfies(k -> {
      assertThat(k.verdict()).isEqualTo(Verdict.SLA_BROKEN);
      assertThat(k.metric()).isEqualTo("p95 lt 50.00");
      assertThat(k.current()).isEqualTo(80.0);
    });
  }

  @Test
  void consoleTableNamesEachRegressionWithItsNumbers() {
    String table = Renderers.console(compare("baseline.json", "orders-slower.json", DEFAULTS));
    assertThat(table).contains("Regressions and other changes:")
        .containsPattern("REGRESSION +shop / POST /api/orders +p95 +90 ms +200 ms +\\+122.2 % +<= 99 ms")
        .contains("FAIL: 2 regressions");
  }
}
