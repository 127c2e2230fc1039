package dev.loadbearing.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and reads {@value #FILE_NAME} (format {@value #FORMAT}, version {@value #VERSION}; described in
 * docs/TELEMETRY-FORMAT.md). Compact: timestamps are milliseconds after {@code start}, integral values are
 * written without a fraction, one series per line.
 */
public final class TelemetryJson {
  public static final String FILE_NAME = "telemetry.json";
  public static final String FORMAT = "loadbearing-telemetry";
  public static final int VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Integral doubles below this are written as JSON integers (exact in a double). */
  private static final double EXACT_LIMIT = 0x1p53;

  private TelemetryJson() {
  }

  /** Writes {@code telemetry.json} into a run folder, beside its stats.json. */
  public static Path writeInRunFolder(Path runFolder, Telemetry telemetry) {
    return write(runFolder.resolve(FILE_NAME), telemetry);
  }

  /** Writes atomically: a temporary file in the same folder, then a move over {@code file}. */
  public static Path write(Path file, Telemetry telemetry) {
    Path dir = file.toAbsolutePath().getParent();
    Path temporary = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(temporary);
           JsonGenerator json = new JsonFactory().createGenerator(out).setPrettyPrinter(new OneEntryPerLine())) {
        writeTo(json, telemetry);
      }
      try {
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the original error says more
      }
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeTo(JsonGenerator json, Telemetry t) throws IOException {
    json.writeStartObject();
    json.writeStringField("format", FORMAT);
    json.writeNumberField("version", VERSION);
    json.writeNumberField("start", t.start());
    json.writeNumberField("end", t.end());
    json.writeNumberField("intervalMillis", t.intervalMillis());
    json.writeNumberField("cores", t.cores());
    json.writeArrayFieldStart("notes");
    for (String note : t.notes()) {
      json.writeString(note);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("statements");
    for (TopStatement s : t.statements()) {
      json.writeStartObject();
      json.writeStringField("query", s.query());
      json.writeNumberField("calls", s.calls());
      json.writeNumberField("totalMillis", s.totalMillis());
      json.writeNumberField("meanMillis", s.meanMillis());
      json.writeNumberField("rows", s.rows());
      json.writeNumberField("sharePercent", s.sharePercent());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("series");
    for (Series series : t.series().values()) {
      json.writeObjectFieldStart(series.name());
      json.writeArrayFieldStart("t");
      for (int i = 0; i < series.size(); i++) {
        json.writeNumber(series.time(i) - t.start());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("v");
      for (int i = 0; i < series.size(); i++) {
        double v = series.value(i);
        if (v == Math.rint(v) && Math.abs(v) < EXACT_LIMIT) {
          json.writeNumber((long) v);
        } else {
          json.writeNumber(v);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeRaw("\n");
  }

  /**
   * Compact JSON with a line break between the top-level fields, between series and between notes or
   * statements: a series is one line, and a diff or grep shows whole series.
   */
  private static final class OneEntryPerLine extends MinimalPrettyPrinter {
    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      breakAt(g, 2);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      breakAt(g, 2);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      breakAt(g, 2);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      breakAt(g, 2);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      if (entries > 0) {
        breakAt(g, 2);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      if (values > 0) {
        breakAt(g, 2);
      }
      g.writeRaw(']');
    }

    private static void breakAt(JsonGenerator g, int maxDepth) throws IOException {
      if (g.getOutputContext().getNestingDepth() <= maxDepth) {
        g.writeRaw('\n');
      }
    }
  }

  /** Reads a telemetry.json; refuses another format or version, naming the file. */
  public static Telemetry read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + " as JSON: " + e.getMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(file + " is not a telemetry file (no \"format\": \"" + FORMAT + "\")");
    }
    if (root.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(file + " has telemetry version " + root.path("version")
          + "; this reader understands version " + VERSION + " only");
    }
    long start = required(root, "start", file).asLong();
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    List<TopStatement> statements = new ArrayList<>();
    root.path("statements").forEach(s -> statements.add(new TopStatement(s.path("query").asText(),
        s.path("calls").asLong(), s.path("totalMillis").asDouble(), s.path("meanMillis").asDouble(),
        s.path("rows").asLong(), s.path("sharePercent").asDouble())));
    Map<String, Series> series = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("series").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode t = entry.getValue().path("t");
      JsonNode v = entry.getValue().path("v");
      if (t.size() != v.size()) {
        throw new IllegalArgumentException(file + ": series " + entry.getKey() + " has " + t.size()
            + " timestamps but " + v.size() + " values");
      }
      long[] times = new long[t.size()];
      double[] values = new double[v.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = start + t.get(i).asLong();
        values[i] = v.get(i).asDouble();
      }
      series.put(entry.getKey(), new Series(entry.getKey(), times, values));
    }
    return Telemetry.of(start, required(root, "end", file).asLong(), root.path("intervalMillis").asLong(),
        root.path("cores").asInt(), series, notes, statements);
  }

  private static JsonNode required(JsonNode root, String field, Path file) {
    JsonNode node = root.get(field);
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException(file + ": \"" + field + "\" is missing or not a number");
    }
    return node;
  }
}
