package dev.loadbearing.suite.chaos;

/**
 * One fault as it ran: when it was planned, when it really began and ended (epoch ms, 0 when it did not), and
 * what went wrong with it, if anything.
 *
 * @param name        its key under {@code loadbearing.profiles.chaos.faults}
 * @param kind        as in loadbearing.conf ({@code database-stall})
 * @param description what the fault does, from its {@link dev.loadbearing.chaos.FaultAction}
 * @param plannedAt   epoch ms it was due to begin
 * @param beganAt     epoch ms just before it was begun; 0 when it never was
 * @param endedAt     epoch ms just after it was ended; 0 when it never was
 * @param problem     null, or why it failed to begin or end
 */
public record FaultWindow(String name, String kind, String description, long plannedAt, long beganAt, long endedAt,
                          String problem) {
  /** Begun and not yet ended: the fault is in force now. */
  public boolean inForce() {
    return beganAt > 0 && endedAt == 0;
  }

  /** Whether the response to a request sent at {@code sentAt} and received at {@code receivedAt} overlaps it. */
  public boolean overlaps(long sentAt, long receivedAt, long graceMillis) {
    return beganAt > 0 && sentAt <= endedAt + graceMillis && receivedAt >= beganAt;
  }
}
