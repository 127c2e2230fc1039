package dev.loadbearing.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads stats.json files and baselines, saying precisely what is wrong with a bad one. */
public final class StatsFiles {
  private static final ObjectMapper MAPPER = StatsExporter.mapper();

  private StatsFiles() {
  }

  public static StatsReport load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": no such file");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(file.toFile());
    } catch (JsonEOFException e) {
      throw new InputException(file + ": truncated: the JSON ends unexpectedly" + at(e.getLocation())
          + " (an interrupted write or copy? re-export the run with mvn -q exec:java@stats -Drun=<run folder>)");
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
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
      throw new InputException(file + ": schemaVersion " + version + " but this comparator reads schemaVersion "
          + StatsReport.READABLE_VERSIONS + " (re-export the run, or re-record the baseline with "
          + "-Dbaseline.update=true)");
    }
    for (String required : List.of("run", "global", "groups", "requests")) {
      if (!tree.hasNonNull(required)) {
        throw new InputException(file + ": incomplete stats.json, \"" + required
            + "\" is missing (see docs/STATS-FORMAT.md)");
      }
    }
    try {
      return MAPPER.treeToValue(tree, StatsReport.class);
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": does not match stats.json schema version " + StatsReport.SCHEMA_VERSION
          + ": " + e.getOriginalMessage());
    }
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
