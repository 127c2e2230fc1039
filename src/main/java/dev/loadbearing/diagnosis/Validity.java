package dev.loadbearing.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Whether a run, as its stats.json tells it, measured the target at all (docs/DIAGNOSIS.md, "Grade"): for the
 * comparator, which reads the diagnosis section as JSON. Old files stay readable: a version-1 file or a run
 * without telemetry has no diagnosis and counts as valid; a version-2 file written before grades were withheld
 * is judged by its findings.
 */
public final class Validity {
  private Validity() {
  }

  /** Why the run's numbers are Gatling's machine's rather than the target's; empty when they are the target's. */
  public static Optional<String> invalidBecause(JsonNode diagnosisSection) {
    if (diagnosisSection == null || !diagnosisSection.isObject()) {
      return Optional.empty();
    }
    JsonNode grade = diagnosisSection.path("grade");
    if (Grade.INVALID.equals(grade.path("letter").asText())) {
      return Optional.of(grade.path("invalidBecause").asText("the load generator was saturated"));
    }
    for (JsonNode finding : diagnosisSection.path("findings")) {
      Optional<String> why = InjectorSaturation.invalidates(finding);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }
}
