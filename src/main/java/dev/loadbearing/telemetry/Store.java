package dev.loadbearing.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory, bounded home of the series while sampling runs. At most {@code maxSeries} series (later
 * names are dropped, with a note); a series that reaches {@code maxPoints} keeps every other point, so a long
 * run keeps its whole span at a coarser step instead of losing its beginning (the leak trend needs both ends).
 */
final class Store implements Recorder {
  static final int MAX_NOTES = 100;

  private final int maxSeries;
  private final int maxPoints;
  private final Map<String, Points> series = new HashMap<>();
  private final Set<String> notes = new LinkedHashSet<>();
  private List<TopStatement> statements = List.of();
  private long now;
  private boolean seriesCapNoted;

  Store(int maxSeries, int maxPoints) {
    if (maxPoints < 2 || maxPoints % 2 != 0) {
      throw new IllegalArgumentException("maxPoints must be even and at least 2: " + maxPoints);
    }
    this.maxSeries = maxSeries;
    this.maxPoints = maxPoints;
  }

  /** Sets the timestamp that the next records get. */
  synchronized void tick(long epochMillis) {
    now = epochMillis;
  }

  @Override
  public synchronized void record(String name, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    Points points = series.get(name);
    if (points == null) {
      if (series.size() >= maxSeries) {
        if (!seriesCapNoted) {
          seriesCapNoted = true;
          note("More than " + maxSeries + " series: later ones (first: " + name + ") are not recorded.");
        }
        return;
      }
      points = new Points();
      series.put(name, points);
    }
    points.add(now, value, maxPoints);
  }

  @Override
  public synchronized void note(String message) {
    if (notes.size() < MAX_NOTES) {
      notes.add(message);
    }
  }

  @Override
  public synchronized void statements(List<TopStatement> top) {
    statements = List.copyOf(top);
  }

  /** Each series' latest value, for a live scrape while sampling goes on. */
  synchronized Map<String, Double> latest() {
    Map<String, Double> latest = new HashMap<>();
    series.forEach((name, points) -> {
      if (points.size > 0) {
        latest.put(name, points.values[points.size - 1]);
      }
    });
    return latest;
  }

  synchronized Telemetry snapshot(long start, long end, long intervalMillis, int cores) {
    Map<String, Series> copy = new HashMap<>();
    series.forEach((name, points) -> copy.put(name, points.toSeries(name)));
    return Telemetry.of(start, end, intervalMillis, cores, copy, new ArrayList<>(notes), statements);
  }

  private static final class Points {
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int size;

    void add(long time, double value, int max) {
      if (size == max) {
        halve();
      }
      if (size == times.length) {
        int capacity = Math.min(max, times.length * 2);
        times = Arrays.copyOf(times, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      times[size] = time;
      values[size] = value;
      size++;
    }

    /** Keeps points 0, 2, 4, ...: half the resolution, the whole span. */
    private void halve() {
      int kept = 0;
      for (int i = 0; i < size; i += 2) {
        times[kept] = times[i];
        values[kept] = values[i];
        kept++;
      }
      size = kept;
    }

    Series toSeries(String name) {
      return new Series(name, Arrays.copyOf(times, size), Arrays.copyOf(values, size));
    }
  }
}
