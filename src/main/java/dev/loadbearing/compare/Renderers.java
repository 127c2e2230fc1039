package dev.loadbearing.compare;

import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.stats.StatsReport;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The comparison as a console table, Markdown, JUnit XML and an HTML page with inline SVG charts. Each shows
 * the server-side figures in a section of their own, with one line for each figure that was skipped.
 */
public final class Renderers {
  private static final String[] HEADER =
      {"Verdict", "Request", "Metric", "Baseline", "Current", "Change", "Limit", "Note"};
  private static final String[] SERVER_HEADER =
      {"Verdict", "Server side", "Figure", "Baseline", "Current", "Change", "Limit", "Note"};

  private Renderers() {
  }

  // ---------------------------------------------------------------- console

  public static String console(Comparison c) {
    StringBuilder s = new StringBuilder();
    s.append("Loadbearing comparison: ").append(c.simulation()).append('\n');
    s.append("  baseline: ").append(describe(c.baselineSource(), c.baseline())).append('\n');
    s.append("  current:  ").append(describe(c.currentSource(), c.current())).append("\n\n");
    List<Check> notable = notable(c);
    if (!notable.isEmpty()) {
      s.append("Regressions and other changes:\n").append(table(HEADER, notable)).append('\n');
    }
    s.append("All checks:\n").append(table(HEADER, c.requestChecks())).append('\n');
    s.append("Server side:\n");
    List<Check> judged = judged(c.serverChecks());
    if (!judged.isEmpty()) {
      s.append(table(SERVER_HEADER, judged));
    }
    for (Check k : skipped(c.serverChecks())) {
      s.append("  skipped: ").append(skipLine(k)).append('\n');
    }
    s.append('\n').append(c.regressed() ? "FAIL: " : "PASS: ").append(c.summary()).append('\n');
    return s.toString();
  }

  private static List<Check> judged(List<Check> checks) {
    return checks.stream().filter(k -> k.verdict() != Verdict.SKIPPED).toList();
  }

  private static List<Check> skipped(List<Check> checks) {
    return checks.stream().filter(k -> k.verdict() == Verdict.SKIPPED).toList();
  }

  /** "service GC time share: no server.figures... in this run (...): not compared", or the section's reason. */
  private static String skipLine(Check k) {
    return (k.metric().equals("-") ? "" : k.row() + " " + k.metric() + ": ") + k.note();
  }

  private static String table(String[] header, List<Check> checks) {
    List<String[]> rows = new ArrayList<>();
    rows.add(header);
    for (Check k : checks) {
      rows.add(cells(k));
    }
    int[] width = new int[header.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean numeric = i >= 3 && i <= 5;
        String pad = " ".repeat(width[i] - r[i].length());
        String cell = numeric ? pad + r[i] : r[i] + pad;
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      s.append(line.toString().stripTrailing()).append('\n');
      if (n == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        s.append("-".repeat(total - 2)).append('\n');
      }
    }
    return s.toString();
  }

  private static String[] cells(Check k) {
    String unit = k.unit().isEmpty() ? "" : " " + k.unit();
    return new String[] {
        k.verdict().label(), k.row(), k.metric(),
        k.baseline() == null ? "-" : Check.format(k.baseline(), k.unit()) + unit,
        k.current() == null ? "-" : Check.format(k.current(), k.unit()) + unit,
        k.change(), k.limit(), k.note() == null ? "" : k.note()};
  }

  private static List<Check> notable(Comparison c) {
    // Unjudged checks (few samples) stay in the JUnit XML and the HTML page; the tables would drown in them.
    // Skipped server-side figures have their own lines in the server section.
    return c.checks().stream().filter(k -> k.verdict() != Verdict.PASS && k.verdict() != Verdict.FEW_SAMPLES
            && k.verdict() != Verdict.SKIPPED)
        .sorted(Comparator.comparing((Check k) -> !k.fails(c.tolerances())).thenComparing(k -> k.verdict().ordinal()))
        .toList();
  }

  private static String describe(String source, StatsReport r) {
    StringBuilder s = new StringBuilder(source);
    if (r.run() != null) {
      s.append(" (run ").append(r.run().runFolder());
      if (r.run().gitCommit() != null) {
        s.append(", commit ").append(r.run().gitCommit(), 0, Math.min(10, r.run().gitCommit().length()));
      }
      StatsReport.Machine m = r.baseline() != null && r.baseline().machine() != null
          ? r.baseline().machine()
          : r.run().machine();
      if (m != null) {
        s.append(", ").append(m.cores()).append(" cores, ")
            .append(m.memoryBytes() >> 30).append(" GiB, ").append(m.os());
      }
      s.append(')');
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- markdown

  public static String markdown(Comparison c) {
    StringBuilder s = new StringBuilder();
    s.append("### ").append(icon(c)).append("Loadbearing: ").append(c.simulation())
        .append(" against its baseline\n\n");
    s.append("**").append(c.summary()).append("**\n\n");
    s.append("- Baseline: ").append(md(describe(c.baselineSource(), c.baseline()))).append('\n');
    s.append("- Current: ").append(md(describe(c.currentSource(), c.current()))).append("\n\n");
    List<Check> notable = notable(c);
    if (!notable.isEmpty()) {
      s.append(mdTable(HEADER, notable)).append('\n');
    }
    List<Check> requests = c.requestChecks();
    s.append("<details><summary>All ").append(requests.size()).append(" checks</summary>\n\n")
        .append(mdTable(HEADER, requests)).append("\n</details>\n");
    s.append("\n#### Server side\n\n");
    List<Check> judged = judged(c.serverChecks());
    if (!judged.isEmpty()) {
      s.append(mdTable(SERVER_HEADER, judged)).append('\n');
    }
    for (Check k : skipped(c.serverChecks())) {
      s.append("- skipped: ").append(md(skipLine(k))).append('\n');
    }
    return s.toString();
  }

  private static String mdTable(String[] header, List<Check> checks) {
    StringBuilder s = new StringBuilder("| " + String.join(" | ", header) + " |\n");
    s.append("|---|---|---|---:|---:|---:|---|---|\n");
    for (Check k : checks) {
      String[] cells = cells(k);
      if (k.verdict().isFailure()) {
        cells[0] = "**" + cells[0] + "**";
      }
      s.append("| ");
      for (int i = 0; i < cells.length; i++) {
        s.append(i == 0 ? "" : " | ").append(md(cells[i]));
      }
      s.append(" |\n");
    }
    return s.toString();
  }

  /** A regression fails; a pass where a side measured its load generator is no clean pass either. */
  private static String icon(Comparison c) {
    return c.regressed() ? "❌ " : c.count(Verdict.NOT_VALID) + c.count(Verdict.DRIFT) > 0 ? "⚠️ " : "✅ ";
  }

  private static String md(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---------------------------------------------------------------- junit

  /**
   * Two test suites: {@code loadbearing.compare.<Simulation>} (one test case per row × metric and per SLA) and
   * {@code loadbearing.compare.<Simulation>.server} (one per server-side figure; a skipped figure is a skipped
   * test case saying why).
   */
  public static String junit(Comparison c) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      suite(x, c, "loadbearing.compare." + c.simulation(), c.simulation() + ".", c.requestChecks());
      suite(x, c, "loadbearing.compare." + c.simulation() + ".server", c.simulation() + ".server.",
          c.serverChecks());
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toString() + "\n";
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static boolean skippedInJunit(Check k, Tolerances tolerances) {
    return !k.fails(tolerances) && (k.verdict() == Verdict.MISSING_IN_CURRENT
        || k.verdict() == Verdict.NEW_IN_CURRENT || k.verdict() == Verdict.SKIPPED || k.verdict() == Verdict.NOT_VALID);
  }

  private static void suite(XMLStreamWriter x, Comparison c, String name, String classPrefix, List<Check> checks)
      throws XMLStreamException {
    long failures = checks.stream().filter(k -> k.fails(c.tolerances())).count();
    long skipped = checks.stream().filter(k -> skippedInJunit(k, c.tolerances())).count();
    x.writeCharacters("\n");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(name));
    x.writeAttribute("tests", String.valueOf(checks.size()));
    x.writeAttribute("failures", String.valueOf(failures));
    x.writeAttribute("errors", "0");
    x.writeAttribute("skipped", String.valueOf(skipped));
    for (Check k : checks) {
      x.writeCharacters("\n  ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", clean(classPrefix + k.row()));
      x.writeAttribute("name", clean(k.metric()));
      String[] cells = cells(k);
      String text = k.verdict() == Verdict.SKIPPED || k.verdict() == Verdict.NOT_VALID ? skipLine(k)
          : k.row() + " " + k.metric() + ": baseline " + cells[3] + ", current " + cells[4]
              + (k.change().isEmpty() ? "" : " (" + k.change() + ")")
              + (k.limit().isEmpty() ? "" : ", limit " + k.limit())
              + (k.note() == null ? "" : "; " + k.note());
      if (k.fails(c.tolerances())) {
        x.writeStartElement("failure");
        x.writeAttribute("type", k.verdict().name());
        x.writeAttribute("message", clean(k.verdict().label() + ": " + text));
        x.writeCharacters(clean(text));
        x.writeEndElement();
      } else if (skippedInJunit(k, c.tolerances())) {
        x.writeStartElement("skipped");
        x.writeAttribute("message", clean(k.verdict().label() + ": " + text));
        x.writeEndElement();
      }
      x.writeEndElement();
    }
    x.writeCharacters("\n");
    x.writeEndElement();
  }

  /**
   * Replaces the characters XML 1.0 cannot carry at all (control characters other than tab, LF and CR;
   * U+FFFE, U+FFFF) with '?'; the writer escapes the rest.
   */
  private static String clean(String s) {
    return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "?");
  }

  // ---------------------------------------------------------------- html

  public static String html(Comparison c) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loadbearing: ")
        .append(h(c.simulation())).append(" comparison</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}td.n{text-align:right}")
        .append("tr.fail td{background:#fde2e2}tr.better td{background:#e3f6e3}tr.other td{background:#fff7d6}")
        .append(".chart{display:inline-block;margin:0 2em 2em 0;vertical-align:top}h3{font-size:15px;margin:0}")
        .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}")
        .append("p.skipped{color:#555;font-style:italic}")
        .append("\n</style></head><body>\n");
    s.append("<h1>").append(icon(c)).append(h(c.simulation()))
        .append(" against its baseline</h1>\n");
    s.append("<p><b>").append(h(c.summary())).append("</b></p>\n")
        .append("<p>Baseline: ").append(h(describe(c.baselineSource(), c.baseline())))
        .append("<br>Current: ").append(h(describe(c.currentSource(), c.current()))).append("</p>\n");
    s.append("<p class=\"legend\"><span style=\"background:#9aa5b1\"></span>baseline"
        + "<span style=\"background:#2b6cb0\"></span>current"
        + "<span style=\"background:#c53030\"></span>current, regression</p>\n");
    Map<String, List<Check>> byRow = new LinkedHashMap<>();
    for (Check k : c.requestChecks()) {
      // SLAs and the validity line have no baseline to draw beside.
      if (!k.kind().equals("sla") && !k.kind().equals(Comparison.VALIDITY)) {
        byRow.computeIfAbsent(k.row(), r -> new ArrayList<>()).add(k);
      }
    }
    byRow.forEach((row, checks) -> s.append(chart(row, checks)));
    s.append("<h2>All checks</h2>\n");
    htmlTable(s, c, HEADER, c.requestChecks());
    s.append("<h2 id=\"server\">Server side</h2>\n");
    List<Check> judged = judged(c.serverChecks());
    if (!judged.isEmpty()) {
      s.append(chart("Server side", judged));
      htmlTable(s, c, SERVER_HEADER, judged);
    }
    for (Check k : skipped(c.serverChecks())) {
      s.append("<p class=\"skipped\">skipped: ").append(h(skipLine(k))).append("</p>\n");
    }
    return s.append("</body></html>\n").toString();
  }

  private static void htmlTable(StringBuilder s, Comparison c, String[] header, List<Check> checks) {
    s.append("<table><tr>");
    for (String head : header) {
      s.append("<th>").append(head).append("</th>");
    }
    s.append("</tr>\n");
    for (Check k : checks) {
      String css = k.fails(c.tolerances()) ? "fail" : k.verdict() == Verdict.IMPROVEMENT ? "better"
          : k.verdict() == Verdict.PASS ? "" : "other";
      s.append("<tr class=\"").append(css).append("\">");
      String[] cells = cells(k);
      for (int i = 0; i < cells.length; i++) {
        s.append(i >= 3 && i <= 5 ? "<td class=\"n\">" : "<td>").append(h(cells[i])).append("</td>");
      }
      s.append("</tr>\n");
    }
    s.append("</table>\n");
  }

  /** Horizontal bars, baseline above current, for each metric of one request; each metric scaled on its own. */
  private static String chart(String row, List<Check> checks) {
    int labelWidth = 90;
    int barWidth = 260;
    int rowHeight = 34;
    int height = checks.size() * rowHeight + 10;
    StringBuilder s = new StringBuilder("<div class=\"chart\"><h3>").append(h(row)).append("</h3>\n");
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + barWidth + 110)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(h(row)).append("\">\n");
    int y = 5;
    for (Check k : checks) {
      double b = k.baseline() == null ? 0 : k.baseline();
      double cur = k.current() == null ? 0 : k.current();
      double scale = Math.max(Math.max(b, cur), 1e-9);
      String label = k.metric().equals("-") ? k.verdict().label() : k.metric();
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>%n", y + 20, h(label)));
      String color = k.verdict().isFailure() ? "#c53030" : "#2b6cb0";
      bar(s, labelWidth, y, barWidth * b / scale, "#9aa5b1", k.baseline(), k.unit());
      bar(s, labelWidth, y + 14, barWidth * cur / scale, color, k.current(), k.unit());
      y += rowHeight;
    }
    return s.append("</svg></div>\n").toString();
  }

  private static void bar(StringBuilder s, int x, int y, double width, String color, Double value, String unit) {
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>"
            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n", x, y, Math.max(width, 0.5), color,
        x + Math.max(width, 0.5) + 4, y + 10, h(value == null ? "-" : Check.format(value, unit) + " " + unit)));
  }

  private static String h(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
