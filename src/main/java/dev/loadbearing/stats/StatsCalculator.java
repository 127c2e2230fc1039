package dev.loadbearing.stats;

import dev.loadbearing.stats.SimulationLogReader.RunHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatling's statistics (as in gatling-charts' GeneralStatsBuffer) from the records of one simulation.log:
 * "All Requests" over every request record, one row per group path (cumulated response time) and one per
 * request name within its group path. Rows keep the order in which they first appear.
 */
public final class StatsCalculator implements SimulationLogReader.Listener {
  /** A request row: the same name in two groups is two rows. */
  public record RequestKey(List<String> groups, String name) {
  }

  private final Distribution global = new Distribution();
  private final Map<List<String>, Distribution> groups = new LinkedHashMap<>();
  private final Map<RequestKey, Distribution> requests = new LinkedHashMap<>();
  private long injectStart = Long.MAX_VALUE;
  private long injectEnd = Long.MIN_VALUE;
  private long usersStarted;
  private long usersEnded;
  private long startSum;
  private long endSum;

  @Override
  public void run(RunHeader runHeader) {
    // The header is what SimulationLogReader.read returns; the statistics need nothing from it.
  }

  @Override
  public void user(int scenario, boolean start, int timestamp) {
    if (start) {
      injectStart = Math.min(injectStart, timestamp);
      usersStarted++;
      startSum += timestamp;
    } else {
      usersEnded++;
      endSum += timestamp;
    }
    injectEnd = Math.max(injectEnd, timestamp);
  }

  @Override
  public void request(List<String> groupPath, String name, int start, int end, boolean ok, String message) {
    int responseTime = end - start;
    global.add(responseTime, ok);
    requests.computeIfAbsent(new RequestKey(groupPath, name), k -> new Distribution()).add(responseTime, ok);
    span(start, end);
  }

  @Override
  public void group(List<String> groupPath, int start, int end, int cumulatedResponseTime, boolean ok) {
    groups.computeIfAbsent(groupPath, k -> new Distribution()).add(cumulatedResponseTime, ok);
    span(start, end);
  }

  private void span(int start, int end) {
    injectStart = Math.min(injectStart, start);
    injectEnd = Math.max(injectEnd, end);
  }

  public Distribution global() {
    return global;
  }

  public Map<List<String>, Distribution> groups() {
    return groups;
  }

  public Map<RequestKey, Distribution> requests() {
    return requests;
  }

  /** First event of the run, ms after the run start (0 for an empty run). */
  public long injectStart() {
    return injectStart == Long.MAX_VALUE ? 0 : injectStart;
  }

  public long injectEnd() {
    return injectEnd == Long.MIN_VALUE ? 0 : injectEnd;
  }

  /**
   * The integral of active virtual users over the run, in ms: the sum of every user's end minus its start (the
   * records carry no user id, and the sum of differences is the difference of the sums). A user still active
   * when the log ends counts until the log's last event.
   */
  public long virtualUserMillis() {
    return endSum - startSum + (usersStarted - usersEnded) * injectEnd();
  }

  /** Gatling's duration for the requests-per-second column: whole seconds, rounded up, at least 1. */
  public int durationSeconds() {
    return (int) Math.max(1, Math.ceil((injectEnd() - injectStart()) / 1000.0));
  }
}
