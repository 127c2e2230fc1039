package dev.loadbearing.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What a simulation knows about its own run and Gatling's simulation.log does not: the resolved profile
 * parameters, the target, the SLAs, and the HTTP status codes counted per request name. The simulation
 * writes it when the load ends; the stats exporter reads it to complete stats.json.
 *
 * @param simulation    the simulation class's fully qualified name
 * @param startedAt     epoch milliseconds when the simulation was built, just before load started
 * @param target        the base URL load was sent to
 * @param parameters    the profile's resolved configuration (users, rates, durations, scales)
 * @param slas          the SLAs the run is judged by
 * @param statusCounts  request name → HTTP status code → count ({@code 0} = no response at all)
 * @param llm           the assistant chats' tokens and cost, read from the responses; null when none was sent
 *                      (and in manifests written before it existed)
 * @param chaos         a Chaos run's fault windows, recovery times and audit, carried into stats.json as they
 *                      are; null for other runs (and in manifests written before it existed)
 */
public record RunManifest(String simulation, long startedAt, String target, Map<String, Object> parameters,
                          List<Sla> slas, Map<String, Map<Integer, Long>> statusCounts, LlmUsage llm,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode chaos) {

  /** A JSON null reads as no section. */
  public RunManifest {
    chaos = chaos == null || chaos.isNull() ? null : chaos;
  }

  /** Where manifests go: {@code target/loadbearing/runs} under the working directory. */
  public static final Path DIRECTORY = Path.of("target", "loadbearing", "runs");
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A manifest of a run without chaos. */
  public RunManifest(String simulation, long startedAt, String target, Map<String, Object> parameters,
                     List<Sla> slas, Map<String, Map<Integer, Long>> statusCounts, LlmUsage llm) {
    this(simulation, startedAt, target, parameters, slas, statusCounts, llm, null);
  }

  /** A manifest of a run that sent no assistant chat. */
  public RunManifest(String simulation, long startedAt, String target, Map<String, Object> parameters,
                     List<Sla> slas, Map<String, Map<Integer, Long>> statusCounts) {
    this(simulation, startedAt, target, parameters, slas, statusCounts, null, null);
  }

  /**
   * One service-level objective.
   *
   * @param scope     {@code global}, a request name such as {@code GET /api/products}, or a group name
   * @param metric    {@code p50 p75 p90 p95 p99 p999 max mean} (ms), {@code failedPercent},
   *                  {@code successPercent}, {@code failedCount}, {@code requestsPerSecond}, or
   *                  {@code status:<code>:percent} / {@code status:<code>:count} / {@code status:5xx:percent}
   * @param operator  {@code lt lte gt gte eq}
   * @param threshold the bound, in the metric's unit
   * @param reason    why the bound is what it is, when it is looser than the default (may be null)
   * @param actual    the figure, when the run judged the SLA itself (the server side, scope {@code server});
   *                  null otherwise, and null with a note when the run could not judge it
   * @param note      how the run found its figure, or why it could not judge it; null for the others
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sla(String scope, String metric, String operator, double threshold, String reason, Double actual,
                    String note) {

    /** An SLA judged against stats.json's rows by the stats exporter. */
    public Sla(String scope, String metric, String operator, double threshold, String reason) {
      this(scope, metric, operator, threshold, reason, null, null);
    }

    /** Judged by the run itself: stats.json takes its figure rather than reading a row. */
    @JsonIgnore
    public boolean judgedByTheRun() {
      return actual != null || note != null;
    }
  }

  /** Where the manifest of a run of {@code simulation} started at {@code startedAt} is written. */
  public static Path file(Path directory, String simulation, long startedAt) {
    return directory.resolve(simulation.substring(simulation.lastIndexOf('.') + 1) + "-" + startedAt + ".json");
  }

  /** Writes the manifest atomically (a temporary file, then a rename), so a reader never sees half of it. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      MAPPER.writeValue(temporary.toFile(), this);
      return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run manifest " + file, e);
    }
  }

  /**
   * Reads and checks a manifest: the SLAs and status counts are judged and copied into stats.json, so a null
   * entry or a missing field fails here naming it ({@link RunManifestException}), never as a
   * NullPointerException or a 0 later.
   */
  public static RunManifest read(Path file) {
    RunManifest manifest;
    try {
      manifest = MAPPER.readValue(file.toFile(), RunManifest.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new RunManifestException(file, "not a run manifest" + where + ": " + why);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the run manifest " + file + ": " + e.getMessage(), e);
    }
    if (manifest == null) {
      throw new RunManifestException(file, "empty (the JSON is null)");
    }
    manifest.check(file);
    return manifest;
  }

  private void check(Path file) {
    if (simulation == null) {
      throw new RunManifestException(file, "simulation is missing");
    }
    for (int i = 0; slas != null && i < slas.size(); i++) {
      Sla sla = slas.get(i);
      String at = "slas[" + i + "]";
      if (sla == null) {
        throw new RunManifestException(file, at + " is null");
      }
      if (sla.scope() == null || sla.metric() == null || sla.operator() == null) {
        throw new RunManifestException(file, at + "." + (sla.scope() == null ? "scope"
            : sla.metric() == null ? "metric" : "operator") + " is missing");
      }
      if (!Double.isFinite(sla.threshold()) || (sla.actual() != null && !Double.isFinite(sla.actual()))) {
        throw new RunManifestException(file, at + "." + (Double.isFinite(sla.threshold()) ? "actual" : "threshold")
            + " is not a finite number");
      }
    }
    if (statusCounts != null) {
      statusCounts.forEach((request, counts) -> {
        if (counts == null || counts.containsValue(null) || counts.containsKey(null)) {
          throw new RunManifestException(file, "statusCounts[\"" + request + "\"] is null or holds a null");
        }
      });
    }
    if (chaos != null && !chaos.isObject()) {
      throw new RunManifestException(file, "chaos must be an object, found " + chaos.getNodeType());
    }
    if (llm != null && (llm.total() == null || llm.journeys() == null || llm.providers() == null
        || llm.journeys().containsValue(null) || llm.providers().containsValue(null))) {
      throw new RunManifestException(file, "llm needs total, journeys and providers, none of them null");
    }
  }
}
