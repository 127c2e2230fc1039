package dev.loadbearing.diagnosis;

import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The telemetry seen through the run's time window. */
record Window(Telemetry telemetry, long from, long to) {

  /** The run's start..end from stats.json when it overlaps the telemetry; else the telemetry's own span. */
  static Window of(Telemetry telemetry, StatsReport stats) {
    if (stats != null && stats.run() != null && stats.run().end() > stats.run().start()
        && stats.run().start() < telemetry.end() && stats.run().end() > telemetry.start()) {
      return new Window(telemetry, Math.max(stats.run().start(), telemetry.start()),
          Math.min(stats.run().end(), telemetry.end()));
    }
    return new Window(telemetry, telemetry.start(), telemetry.end());
  }

  int cores() {
    return Math.max(1, telemetry.cores());
  }

  /** The named series within the window, if it has points there. */
  Optional<Series> series(String name) {
    return telemetry.find(name).map(s -> s.between(from, to)).filter(s -> !s.isEmpty());
  }

  /** Each series of a family within the window. */
  List<Series> family(String name) {
    return telemetry.family(name).stream().map(s -> s.between(from, to)).filter(s -> !s.isEmpty()).toList();
  }

  /** The series itself, or else its family summed at each timestamp (a tick records them all at once). */
  Optional<Series> seriesOrFamilySum(String name) {
    Optional<Series> exact = series(name);
    if (exact.isPresent()) {
      return exact;
    }
    List<Series> members = family(name);
    if (members.isEmpty()) {
      return Optional.empty();
    }
    Map<Long, Double> sum = new TreeMap<>();
    for (Series s : members) {
      for (int i = 0; i < s.size(); i++) {
        sum.merge(s.time(i), s.value(i), Double::sum);
      }
    }
    long[] times = sum.keySet().stream().mapToLong(Long::longValue).toArray();
    double[] values = sum.values().stream().mapToDouble(Double::doubleValue).toArray();
    return Optional.of(new Series(name, times, values));
  }

  /**
   * The service's CPU in cores: {@code service.cpu_cores} (/proc); else, for any Micrometer service, the rate of its
   * {@code target.process_cpu_time_ns_total} counter; else {@code target.process_cpu_usage} (0..1 of all cores) times
   * the cores. The counter comes first: {@code process_cpu_usage} is the JVM's load since its previous reading, so
   * when several injectors scrape one service it is measured over milliseconds and reads 0 or 1 (seen: p95 of
   * "2 cores" from one injector of a split run while the counter said 0.1 to 0.35).
   */
  Optional<Series> serviceCores() {
    Optional<Series> cores = series("service.cpu_cores");
    if (cores.isPresent()) {
      return cores;
    }
    Optional<Series> cpuTime = series("target.process_cpu_time_ns_total").filter(s -> s.size() >= 2);
    if (cpuTime.isPresent()) {
      return cpuTime.map(Window::coresFromNanos);
    }
    return series("target.process_cpu_usage").map(s -> {
      double[] values = s.values();
      for (int i = 0; i < values.length; i++) {
        values[i] *= cores();
      }
      return new Series(s.name(), s.times(), values);
    });
  }

  /** Cores used between two readings of a CPU-time counter in nanoseconds, at the later reading's time. */
  private static Series coresFromNanos(Series nanos) {
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 1; i < nanos.size(); i++) {
      double seconds = (nanos.time(i) - nanos.time(i - 1)) / 1000.0;
      double used = nanos.value(i) - nanos.value(i - 1);
      if (seconds > 0 && used >= 0) {   // a restarted service's counter starts again from 0: that interval is lost
        times.add(nanos.time(i));
        values.add(used / 1e9 / seconds);
      }
    }
    return new Series(nanos.name(), times.stream().mapToLong(Long::longValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Buffer blocks hit and read from disk over the window ({hits, reads}), if PostgreSQL was sampled. */
  Optional<double[]> cacheBlocks() {
    Optional<Series> hit = series("db.blks_hit_total");
    Optional<Series> read = series("db.blks_read_total");
    if (hit.isEmpty() || read.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new double[] {hit.get().increase(), read.get().increase()});
  }

  double seconds() {
    return Math.max(1, to - from) / 1000.0;
  }
}
