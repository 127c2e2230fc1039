package dev.loadbearing.diagnosis;

/** How much a finding matters; findings are ordered by it first. */
public enum Severity {
  /** The run's numbers cannot be trusted as they are, or the service fails under this load. */
  CRITICAL,
  /** A bottleneck that limited the run. */
  WARNING,
  /** Worth knowing; did not obviously limit the run. */
  INFO
}
