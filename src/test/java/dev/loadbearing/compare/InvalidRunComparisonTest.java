package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.loadbearing.compare.Check.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose diagnosis found the load generator saturated measured Gatling's machine: the comparison says so
 * on a line of its own and in its summary, in every output, whichever side it is and however old the file.
 */
class InvalidRunComparisonTest {
  private static final Path FIXTURES = Path.of("src/test/resources/compare");
  private static final Tolerances DEFAULTS = Tolerances.from(ConfigFactory.parseResources("compare.conf").resolve());
  private static final String SATURATED = "server-generator-saturated.json";

  @TempDir
  Path dir;

  private static Comparison compare(String baseline, String current) {
    return Comparison.of(StatsFiles.load(FIXTURES.resolve(baseline)), baseline,
        StatsFiles.load(FIXTURES.resolve(current)), current, DEFAULTS);
  }

  private static long notValid(Comparison c) {
    return c.count(Verdict.NOT_VALID);
  }

  @Test
  void aCurrentRunThatMeasuredTheLoadGeneratorIsSaidToBeNotValid() {
    Comparison c = compare("server-baseline.json", SATURATED);

    Check line = c.checks().stream().filter(k -> k.verdict() == Verdict.NOT_VALID).findFirst().orElseThrow();
    assertThat(line.row()).isEqualTo("this run");
    assertThat(line.note()).isEqualTo("the load generator was saturated in 73 % of samples: this run measured "
        + "Gatling's machine, not the target");
    assertThat(c.summary()).endsWith("; NOT VALID: this run measured the load generator, not the target");
    assertThat(c.regressed()).as("not a failure by itself: the other verdicts stand").isFalse();
  }

  @Test
  void aBaselineThatMeasuredTheLoadGeneratorIsSaidToBeNotValidToo() {
    Comparison c = compare(SATURATED, "server-within-tolerance.json");

    assertThat(notValid(c)).isEqualTo(1);
    assertThat(c.summary()).contains("NOT VALID: the baseline measured the load generator");
  }

  @Test
  void aFileWrittenBeforeGradesWereWithheldIsJudgedByItsFinding() {
    Comparison c = compare("server-baseline.json", "server-generator-saturated-before-grades-withheld.json");

    assertThat(notValid(c)).isEqualTo(1);
    assertThat(c.summary()).contains("NOT VALID: this run");
  }

  @Test
  void validRunsOldFilesAndAMachineFilledByTheTargetGetNoSuchLine() {
    assertThat(notValid(compare("server-baseline.json", "server-within-tolerance.json"))).isZero();
    assertThat(notValid(compare("baseline.json", "within-tolerance.json"))).as("schema version 1").isZero();
    Comparison machine = compare("server-baseline.json", "server-machine-saturated.json");
    assertThat(notValid(machine)).isZero();
    assertThat(machine.summary()).doesNotContain("NOT VALID");
  }

  @Test
  void theConsoleMarkdownJUnitAndHtmlAllSaySoAndTheExitCodeIsUnchanged() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new CompareCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(Map.of(), new String[] {
            "compare.runs=" + FIXTURES.resolve("server-baseline.json") + "," + FIXTURES.resolve(SATURATED),
            "compare.output=" + dir});

    assertThat(exit).isEqualTo(CompareCli.PASS);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("NOT VALID  this run")
        .contains("PASS: No regression").contains("NOT VALID: this run measured the load generator");
    assertThat(Files.readString(dir.resolve("compare.md"))).startsWith("### ⚠️ Loadbearing: Spike")
        .contains("| NOT VALID | this run | measured the target |");
    assertThat(Files.readString(dir.resolve("compare-junit.xml")))
        .contains("<skipped message=\"NOT VALID: this run measured the target: the load generator was saturated");
    assertThat(Files.readString(dir.resolve("compare.html"))).contains("NOT VALID: this run measured the load")
        .doesNotContain("aria-label=\"this run\"");
  }

  @Test
  void promotingARunThatMeasuredTheLoadGeneratorWarns() throws Exception {
    Path run = Files.createDirectories(dir.resolve("gatling/spikesimulation-20261122060000000"));
    Files.write(run.resolve("simulation.log"), new byte[0]);
    Files.copy(FIXTURES.resolve(SATURATED), run.resolve("stats.json"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = new CompareCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(Map.of(), new String[] {"simulation=Spike",
            "baseline.update=true", "compare.results=" + dir.resolve("gatling"),
            "compare.baselines=" + dir.resolve("baselines")});

    assertThat(exit).isEqualTo(CompareCli.PASS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("compare: warning: run spikesimulation-20261122060000000"
        + " is not a valid baseline: the load generator was saturated in 73 % of samples");
  }
}
