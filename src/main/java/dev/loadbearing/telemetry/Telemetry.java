package dev.loadbearing.telemetry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the sampler recorded over a run: time series by name, notes, and the top SQL statements. Immutable.
 * {@code start}/{@code end} are the epoch ms when sampling began and ended; {@code cores} the machine's
 * processors as this JVM saw them. Written as telemetry.json (docs/TELEMETRY-FORMAT.md).
 */
public record Telemetry(long start, long end, long intervalMillis, int cores, SortedMap<String, Series> series,
                        List<String> notes, List<TopStatement> statements) {

  public Telemetry {
    series = Collections.unmodifiableSortedMap(new TreeMap<>(series));
    notes = List.copyOf(notes);
    statements = List.copyOf(statements);
  }

  public static Telemetry of(long start, long end, long intervalMillis, int cores, Map<String, Series> series,
                             List<String> notes, List<TopStatement> statements) {
    return new Telemetry(start, end, intervalMillis, cores, new TreeMap<>(series), notes, statements);
  }

  public Optional<Series> find(String name) {
    return Optional.ofNullable(series.get(name));
  }

  /** Every series whose name starts with {@code prefix}, e.g. {@code "target.hikaricp_connections_pending"}. */
  public List<Series> startingWith(String prefix) {
    return series.tailMap(prefix).values().stream().takeWhile(s -> s.name().startsWith(prefix)).toList();
  }

  /** The series of one metric family: {@code name} itself and every {@code name{labels}}. */
  public List<Series> family(String name) {
    return startingWith(name).stream()
        .filter(s -> s.name().length() == name.length() || s.name().charAt(name.length()) == '{').toList();
  }
}
