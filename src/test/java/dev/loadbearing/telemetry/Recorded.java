package dev.loadbearing.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Recorder for source tests: the last value of each series, the notes, the statements. */
final class Recorded implements Recorder {
  final Map<String, Double> last = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  List<TopStatement> statements = List.of();

  @Override
  public void record(String series, double value) {
    last.put(series, value);
  }

  @Override
  public void note(String message) {
    notes.add(message);
  }

  @Override
  public void statements(List<TopStatement> top) {
    statements = top;
  }

  double get(String series) {
    Double value = last.get(series);
    if (value == null) {
      throw new AssertionError("no series " + series + " among " + last.keySet());
    }
    return value;
  }
}
