package dev.loadbearing.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: the statistics table of Gatling's index.html, and generating that report from a simulation.log. */
final class GatlingReport {
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
  private static final Pattern PARENT = Pattern.compile("data-parent=\"([^\"]*)\"");
  private static final Pattern VALUE = Pattern.compile("class=\"value [a-z ]*col-(\\d+)\">([^<]*)<");

  /** One row of the table: its key as in stats.json ("All Requests", "group / name") and columns 2..14. */
  record TableRow(String key, boolean group, Map<Integer, String> columns) {
    long number(int column) {
      return Long.parseLong(columns.get(column).replace(",", "").trim());
    }

    double decimal(int column) {
      return Double.parseDouble(columns.get(column).replace(",", "").trim());
    }
  }

  private GatlingReport() {
  }

  /** Runs Gatling's report generator on {@code results/<runFolder>/simulation.log}; returns its exit code. */
  static int generate(Path results, String runFolder) {
    return io.gatling.app.Gatling$.MODULE$.fromArgs(
        new String[] {"-ro", runFolder, "-rf", results.toAbsolutePath().toString()});
  }

  static List<TableRow> table(Path indexHtml) {
    String html;
    try {
      html = Files.readString(indexHtml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> parents = new HashMap<>();
    Map<String, Map<Integer, String>> values = new LinkedHashMap<>();
    String[] chunks = html.split("<tr id=\"");
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      String id = chunk.substring(0, chunk.indexOf('"'));
      Matcher name = NAME.matcher(chunk);
      if (!name.find()) {
        continue;
      }
      names.put(id, unescape(name.group(1)));
      Matcher parent = PARENT.matcher(chunk.substring(0, chunk.indexOf('>')));
      if (parent.find()) {
        parents.put(id, parent.group(1));
      }
      Map<Integer, String> columns = new HashMap<>();
      Matcher value = VALUE.matcher(chunk);
      while (value.find()) {
        columns.put(Integer.parseInt(value.group(1)), value.group(2));
      }
      if (columns.containsKey(2)) {
        values.put(id, columns);
      }
    }
    List<TableRow> rows = new ArrayList<>();
    values.forEach((id, columns) -> {
      List<String> path = new ArrayList<>();
      for (String at = id; at != null && !at.equals("ROOT"); at = parents.get(at)) {
        path.add(0, names.get(at));
      }
      rows.add(new TableRow(id.equals("ROOT") ? "All Requests" : String.join(" / ", path), id.startsWith("group_"),
          columns));
    });
    return rows;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
