package dev.loadbearing.report;

import dev.loadbearing.stats.SimulationLogReader;
import dev.loadbearing.stats.SimulationLogReader.RunHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Requests per second, errors per second and response-time percentiles second by second, from one
 * simulation.log: what Gatling's report draws over time, on the time axis the server-side series share.
 */
public final class RequestTimeline implements SimulationLogReader.Listener {
  /** Two significant digits are plenty for a line on a chart and keep a histogram per second small. */
  private static final int CHART_DIGITS = 2;

  private final List<Histogram> seconds = new ArrayList<>();
  private final List<long[]> koCounts = new ArrayList<>();
  private long start;
  /** Where the log being read starts after second 0, when several are drawn on one axis. */
  private long origin;
  private int offset;

  /** One point per second of the run, second 0 being the run's start. */
  public record Point(int second, long requests, long errors, long p50, long p95, long p99) {
  }

  public static List<Point> of(Path simulationLog) {
    RequestTimeline timeline = new RequestTimeline();
    SimulationLogReader.read(simulationLog, timeline);
    return timeline.points();
  }

  /**
   * Several injectors' logs of one run on one time axis, second 0 being the earliest start: the merged run's
   * timeline (docs/DISTRIBUTED.md).
   */
  public static List<Point> of(List<Path> simulationLogs) {
    RequestTimeline timeline = new RequestTimeline();
    timeline.origin = simulationLogs.stream().mapToLong(log -> SimulationLogReader.readHeader(log).start()).min()
        .orElse(0);
    for (Path log : simulationLogs) {
      SimulationLogReader.read(log, timeline);
    }
    return timeline.points();
  }

  /** Epoch milliseconds of second 0. */
  public long start() {
    return start;
  }

  @Override
  public void run(RunHeader header) {
    start = origin == 0 ? header.start() : origin;
    offset = (int) (header.start() - start);
  }

  @Override
  public void request(List<String> groups, String name, int requestStart, int end, boolean ok, String message) {
    int second = Math.max(0, (end + offset) / 1000);
    while (seconds.size() <= second) {
      seconds.add(null);
      koCounts.add(new long[1]);
    }
    Histogram histogram = seconds.get(second);
    if (histogram == null) {
      histogram = new Histogram(CHART_DIGITS);
      seconds.set(second, histogram);
    }
    histogram.recordValue(Math.max(0, end - requestStart));
    if (!ok) {
      koCounts.get(second)[0]++;
    }
  }

  @Override
  public void group(List<String> groups, int groupStart, int end, int cumulatedResponseTime, boolean ok) {
  }

  List<Point> points() {
    List<Point> points = new ArrayList<>(seconds.size());
    for (int second = 0; second < seconds.size(); second++) {
      Histogram histogram = seconds.get(second);
      if (histogram == null) {
        points.add(new Point(second, 0, 0, 0, 0, 0));
      } else {
        points.add(new Point(second, histogram.getTotalCount(), koCounts.get(second)[0],
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95),
            histogram.getValueAtPercentile(99)));
      }
    }
    return points;
  }
}
