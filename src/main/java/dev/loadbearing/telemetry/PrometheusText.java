package dev.loadbearing.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition format (0.0.4) and OpenMetrics text (1.0): every sample line becomes a
 * {@link Sample}; {@code # TYPE} lines give the family types; HELP, UNIT, EOF and other comments are skipped,
 * as are OpenMetrics exemplars ({@code ... # {trace_id="x"} 1}) and timestamps.
 *
 * <p>Written here because Maven Central has no maintained Java parser for the format (the Prometheus Java client
 * only writes it). Lenient by line: a line it cannot read is reported in {@link Scrape#errors()} and the rest
 * is kept, so one odd line from a third-party exporter does not lose the others.
 */
public final class PrometheusText {
  private PrometheusText() {
  }

  /** One sample line: metric name, labels (sorted by name), value (may be NaN or infinite). */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** {@code name{a="x",b="y"}}: labels sorted, values escaped as in the exposition; the series key. */
    public String key() {
      if (labels.isEmpty()) {
        return name;
      }
      StringBuilder key = new StringBuilder(name).append('{');
      labels.forEach((label, value) -> {
        if (key.charAt(key.length() - 1) != '{') {
          key.append(',');
        }
        key.append(label).append("=\"").append(escape(value)).append('"');
      });
      return key.append('}').toString();
    }
  }

  /** A line that could not be read: its number (from 1), the line, and why. */
  public record LineError(int line, String text, String reason) {
    @Override
    public String toString() {
      return "line " + line + " (" + reason + "): " + (text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }
  }

  /** Everything read from one exposition. {@code types}: family name → counter, gauge, histogram, ... */
  public record Scrape(List<Sample> samples, Map<String, String> types, List<LineError> errors) {
  }

  public static Scrape parse(String exposition) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    List<LineError> errors = new ArrayList<>();
    int lineNumber = 0;
    for (String line : exposition.split("\r?\n", -1)) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        if (trimmed.charAt(0) == '#') {
          readComment(trimmed, types);
        } else {
          samples.add(new LineReader(trimmed).sample());
        }
      } catch (IllegalArgumentException bad) {
        errors.add(new LineError(lineNumber, line, bad.getMessage()));
      }
    }
    return new Scrape(samples, types, errors);
  }

  private static void readComment(String line, Map<String, String> types) {
    String[] words = line.substring(1).strip().split("[ \t]+", 3);
    if (words.length == 3 && words[0].equals("TYPE")) {
      types.put(unquote(words[1]), words[2].strip());
    }
  }

  private static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1) : name;
  }

  static String escape(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A cursor over one sample line. */
  private static final class LineReader {
    private final String line;
    private int at;

    LineReader(String line) {
      this.line = line;
    }

    Sample sample() {
      String name = null;
      Map<String, String> labels = new LinkedHashMap<>();
      if (peek() != '{') {
        name = metricName();
      }
      skipBlanks();
      if (peek() == '{') {
        at++;
        name = labels(name, labels);
      }
      if (name == null) {
        throw new IllegalArgumentException("no metric name");
      }
      skipBlanks();
      double value = number(token());
      skipBlanks();
      if (at < line.length() && peek() != '#') {
        // A timestamp: integer ms (Prometheus) or float seconds (OpenMetrics). The sampler's clock is used.
        number(token());
        skipBlanks();
      }
      if (at < line.length() && peek() != '#') {
        throw new IllegalArgumentException("unexpected text after the value");
      }
      return new Sample(name, labels, value);
    }

    private String metricName() {
      int start = at;
      while (at < line.length() && isNameChar(line.charAt(at), at == start, true)) {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("no metric name");
      }
      return line.substring(start, at);
    }

    /** Reads up to the closing brace; returns the name, which UTF-8 names give as a lone quoted string. */
    private String labels(String name, Map<String, String> labels) {
      while (true) {
        skipBlanks();
        char c = peek();
        if (c == '}') {
          at++;
          return name;
        }
        String label;
        if (c == '"') {
          label = quoted();
          skipBlanks();
          if (peek() != '=') {
            if (name != null) {
              throw new IllegalArgumentException("two metric names");
            }
            name = label;
            separator();
            continue;
          }
        } else {
          int start = at;
          while (at < line.length() && isNameChar(line.charAt(at), at == start, false)) {
            at++;
          }
          if (at == start) {
            throw new IllegalArgumentException("bad label name at column " + (at + 1));
          }
          label = line.substring(start, at);
          skipBlanks();
        }
        expect('=');
        skipBlanks();
        if (peek() != '"') {
          throw new IllegalArgumentException("label value not quoted at column " + (at + 1));
        }
        labels.put(label, quoted());
        separator();
      }
    }

    private void separator() {
      skipBlanks();
      if (peek() == ',') {
        at++;
      } else if (peek() != '}') {
        throw new IllegalArgumentException("expected ',' or '}' at column " + (at + 1));
      }
    }

    private String quoted() {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (true) {
        if (at >= line.length()) {
          throw new IllegalArgumentException("unterminated quoted string");
        }
        char c = line.charAt(at++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\' && at < line.length()) {
          char escaped = line.charAt(at++);
          value.append(switch (escaped) {
            case 'n' -> '\n';
            case '\\' -> '\\';
            case '"' -> '"';
            default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
          });
        } else {
          value.append(c);
        }
      }
    }

    private String token() {
      int start = at;
      while (at < line.length() && line.charAt(at) != ' ' && line.charAt(at) != '\t') {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("no value");
      }
      return line.substring(start, at);
    }

    private static double number(String text) {
      return switch (text) {
        case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
        case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
        case "NaN", "nan" -> Double.NaN;
        default -> {
          try {
            yield Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
          }
        }
      };
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at column " + (at + 1));
      }
      at++;
    }

    private char peek() {
      if (at >= line.length()) {
        throw new IllegalArgumentException("line ends early");
      }
      return line.charAt(at);
    }

    private void skipBlanks() {
      while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
        at++;
      }
    }

    private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':')
          || (!first && c >= '0' && c <= '9');
    }
  }
}
