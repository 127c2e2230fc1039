package dev.loadbearing.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A simulation's trend page (docs/HISTORY.md): one chart per figure over the last runs, each point named by its
 * run (commit and date) in a tooltip, then the table of those runs. Self-contained like report.html: inline SVG,
 * no script, no network.
 *
 * @param runs  one label per run, oldest first; a chart line's x is an index into it
 * @param notes lines under the title (which shape is charted, what was left out)
 */
public record TrendPage(String title, List<String> notes, List<String> runs, List<Chart> charts,
                        List<String> header, List<List<String>> rows) {

  /** Writes the page whole (temporary file, then a rename) and returns its path. */
  public Path write(Path file) {
    try {
      Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
      Files.writeString(temporary, html(), StandardCharsets.UTF_8);
      return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trend page " + file + ": " + e.getMessage(), e);
    }
  }

  /** A figure as the page and the console show it: whole numbers whole, others to two decimals. */
  public static String number(double value) {
    return SvgChart.value(value);
  }

  String html() {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title)).append("</title><style>").append(RunReport.STYLE)
        .append(".point{stroke:#fff;stroke-width:1}</style></head><body><h1>").append(Html.escape(title))
        .append("</h1>");
    for (String note : notes) {
      html.append("<p class=\"meta\">").append(Html.escape(note)).append("</p>");
    }
    for (Chart chart : charts) {
      html.append("<h2>").append(Html.escape(chart.title())).append("</h2>").append(SvgChart.render(chart, runs));
    }
    html.append("<h2>Runs</h2><table class=\"runs\"><tr>");
    header.forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
    html.append("</tr>");
    for (List<String> row : rows) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(Html.escape(cell)).append("</td>"));
      html.append("</tr>");
    }
    return html.append("</table></body></html>").toString();
  }
}
