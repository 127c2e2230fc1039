package dev.loadbearing.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters; findings are ordered by it first. In JSON: "critical", "warning", "info". */
public enum Severity {
  /** The run's numbers cannot be trusted as they are, or the service fails under this load. */
  CRITICAL,
  /** A bottleneck that limited the run. */
  WARNING,
  /** Worth knowing; did not obviously limit the run. */
  INFO;

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
