package dev.loadbearing.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads stats.json files and baselines, saying precisely what is wrong with a bad one. */
public final class StatsFiles {
  private static final ObjectMapper MAPPER = StatsExporter.mapper();

  private StatsFiles() {
  }

  public static StatsReport load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": no such file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), bytes);
  }

  /**
   * A stats.json's bytes from anywhere (a file, a history table), checked as {@link #load} checks a file;
   * {@code file} names the source in messages.
   */
  public static StatsReport parse(String file, byte[] bytes) {
    JsonNode tree;
    try {
      if (new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
        throw new InputException(file + ": empty file, expected a Loadbearing stats.json");
      }
      // Trailing tokens too: "{...}{...}" or "{...} garbage" is a damaged file, not the first object.
      tree = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
    } catch (JsonEOFException e) {
      throw new InputException(file + ": truncated: the JSON ends unexpectedly" + at(e.getLocation())
          + " (an interrupted write or copy? re-export the run with mvn -q exec:java@stats -Drun=<run folder>)");
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not valid JSON" + at(e.getLocation()) + ": "
          + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InputException(file + ": cannot parse: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw new InputException(file + ": empty file, expected a Loadbearing stats.json");
    }
    if (!tree.isObject() || !tree.has("schemaVersion")) {
      throw new InputException(
          file + ": no \"schemaVersion\": not a Loadbearing stats.json (see docs/STATS-FORMAT.md)");
    }
    JsonNode version = tree.get("schemaVersion");
    if (!version.isInt() || !StatsReport.READABLE_VERSIONS.contains(version.intValue())) {
      // Also a string "2" or 2.0: the version is written as a whole number, and a file that is not is not ours.
      String shown = version.toString();
      shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
      throw new InputException(file + ": schemaVersion " + shown + " but this comparator reads schemaVersion "
          + StatsReport.READABLE_VERSIONS + " (re-export the run, or re-record the baseline with "
          + "-Dbaseline.update=true)");
    }
    // Binding alone would read a missing or null number as 0 and a "NaN" string as NaN: check every field first.
    StatsShape.check(file, tree);
    try {
      return MAPPER.treeToValue(tree, StatsReport.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InputException(file + ": does not match stats.json schema version " + StatsReport.SCHEMA_VERSION
          + ": " + firstLine(why));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
