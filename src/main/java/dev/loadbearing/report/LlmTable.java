package dev.loadbearing.report;

import dev.loadbearing.stats.LlmUsage;
import java.util.Locale;
import java.util.Map;

/** The report's "LLM spend" section: the run's chats per journey and per provider, from stats.json's llm. */
final class LlmTable {
  static final String TITLE = "LLM spend";

  private LlmTable() {
  }

  static RunReport.Section section(LlmUsage llm) {
    StringBuilder html = new StringBuilder("<p class=\"llm\">").append(summary(llm)).append("</p>");
    html.append("<table class=\"llm-journeys\"><tr><th>journey</th><th>chats</th><th>200</th><th>503</th>"
        + "<th>fallbacks</th><th>prompt tokens</th><th>completion tokens</th><th>cost USD</th></tr>");
    for (Map.Entry<String, LlmUsage.Chats> row : llm.journeys().entrySet()) {
      chats(html, Html.escape(row.getKey()), row.getValue());
    }
    chats(html, "<b>all</b>", llm.total());
    html.append("</table><table class=\"llm-providers\"><tr><th>provider</th><th>attempts</th><th>answered</th>"
        + "<th>rate limited</th><th>timed out</th><th>prompt tokens</th><th>completion tokens</th>"
        + "<th>cost USD</th></tr>");
    for (Map.Entry<String, LlmUsage.Provider> row : llm.providers().entrySet()) {
      LlmUsage.Provider p = row.getValue();
      html.append("<tr><td>").append(Html.escape(row.getKey())).append("</td>");
      cells(html, p.attempts(), p.answered(), p.rateLimited(), p.timedOut(), p.promptTokens(), p.completionTokens());
      html.append("<td>").append(usd(p.costUsd())).append("</td></tr>");
    }
    return new RunReport.Section(TITLE, html.append("</table>").toString());
  }

  /** One line: total cost, chats, and the cost per virtual-user hour when known (also printed at the end). */
  static String summary(LlmUsage llm) {
    String perHour = llm.costPerVirtualUserHour() == null ? ""
        : " ($" + usd(llm.costPerVirtualUserHour()) + " per virtual-user hour)";
    return "$" + usd(llm.total().costUsd()) + " over " + llm.total().chats() + " chats" + perHour;
  }

  private static void chats(StringBuilder html, String name, LlmUsage.Chats c) {
    html.append("<tr><td>").append(name).append("</td>");
    cells(html, c.chats(), c.answered(), c.unavailable(), c.fallbacks(), c.promptTokens(), c.completionTokens());
    html.append("<td>").append(usd(c.costUsd())).append("</td></tr>");
  }

  private static void cells(StringBuilder html, long... values) {
    for (long value : values) {
      html.append("<td>").append(value).append("</td>");
    }
  }

  private static String usd(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
