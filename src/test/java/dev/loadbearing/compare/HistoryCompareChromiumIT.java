package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.report.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare.html as {@code mvn exec:java@compare -Dsimulation=Load -Dcompare.against=history} writes it, opened in
 * a real headless Chromium: the page names the history it was judged against, and a creep shows as drift lines,
 * failing beyond the tolerance, a warning within it.
 */
class HistoryCompareChromiumIT {
  @TempDir
  Path dir;

  private HistoryFixture history;

  @BeforeEach
  void history() {
    HeadlessChromium.assumeInstalled();
    history = new HistoryFixture(dir);
  }

  @Test
  void aCreepBeyondTheToleranceShowsAsFailingDriftRows() throws Exception {
    history.creeping(1.04);
    assertThat(history.compare()).as(history.err()).isEqualTo(CompareCli.REGRESSION);

    String dom = HeadlessChromium.dumpDom(dir.resolve("out/compare.html"), dir.resolve("profile"));

    assertThat(dom).contains("❌ ", "median of the last 5 runs of this shape", "median of 5 runs");
    assertThat(dom).containsPattern("<tr class=\"fail\">.*?REGRESSION.*?p95 drift.*?the creep exceeds the tolerance");
  }

  @Test
  void aCreepWithinTheToleranceIsAWarningOnThePage() throws Exception {
    history.creeping(1.008);
    assertThat(history.compare()).as(history.err()).isZero();

    String dom = HeadlessChromium.dumpDom(dir.resolve("out/compare.html"), dir.resolve("profile"));

    assertThat(dom).contains("⚠️ ", "drifting (warning)");
    assertThat(dom).containsPattern("<tr class=\"other\">.*?drift.*?p95 drift.*?within the tolerance so far");
  }
}
