package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.stats.LlmUsage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmTableTest {
  private static final LlmUsage.Chats SMOKE = new LlmUsage.Chats(1, 1, 0, 0, 7, 45, 0.00078);
  private static final LlmUsage.Chats MIX = new LlmUsage.Chats(9, 8, 1, 2, 80, 360, 0.0052);
  private static final LlmUsage LLM = new LlmUsage(new LlmUsage.Chats(10, 9, 1, 2, 87, 405, 0.00598),
      Map.of("<smoke>", SMOKE, "assistant", MIX),
      Map.of("swift-llm", new LlmUsage.Provider(10, 7, 1, 1, 60, 300, 0.0051)), 0.1, 0.0598);

  @Test
  void listsEveryJourneyWithATotalAndEveryProviderEscaped() {
    RunReport.Section section = LlmTable.section(LLM);
    assertThat(section.title()).isEqualTo("LLM spend");
    assertThat(section.html())
        .contains("<p class=\"llm\">$0.0060 over 10 chats ($0.0598 per virtual-user hour)</p>")
        .contains("<tr><td>assistant</td><td>9</td><td>8</td><td>1</td><td>2</td><td>80</td><td>360</td>"
            + "<td>0.0052</td></tr>")
        .contains("<td>&lt;smoke&gt;</td>")
        .contains("<tr><td><b>all</b></td><td>10</td>")
        .contains("<tr><td>swift-llm</td><td>10</td><td>7</td><td>1</td><td>1</td><td>60</td><td>300</td>"
            + "<td>0.0051</td></tr>")
        .doesNotContain("<smoke>");
  }

  @Test
  void theSummaryLeavesOutTheHourlyCostWhenTheUserTimeIsUnknown() {
    LlmUsage unknown = new LlmUsage(SMOKE, Map.of("smoke", SMOKE), Map.of(), null, null);
    assertThat(LlmTable.summary(unknown)).isEqualTo("$0.0008 over 1 chats");
  }
}
