package dev.loadbearing.stats;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-only writer of Gatling 3.15.1's binary simulation.log, the mirror of {@link SimulationLogReader}. */
final class SimulationLogWriter implements AutoCloseable {
  private final DataOutputStream out;
  private final Map<String, Integer> cache = new HashMap<>();

  SimulationLogWriter(Path file, String simulationClass, long start, List<String> scenarios) {
    this(file, SimulationLogReader.GATLING_VERSION, simulationClass, start, scenarios, List.of());
  }

  /** @param assertions opaque serialized assertions (Gatling's report decodes them; the reader skips them) */
  SimulationLogWriter(Path file, String version, String simulationClass, long start, List<String> scenarios,
                      List<byte[]> assertions) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      out.writeByte(0);
      plain(version);
      plain(simulationClass);
      out.writeLong(start);
      plain("");
      out.writeInt(scenarios.size());
      for (String scenario : scenarios) {
        plain(scenario);
      }
      out.writeInt(assertions.size());
      for (byte[] assertion : assertions) {
        out.writeInt(assertion.length);
        out.write(assertion);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulationLogWriter user(int scenario, boolean start, int timestamp) {
    try {
      out.writeByte(2);
      out.writeInt(scenario);
      out.writeBoolean(start);
      out.writeInt(timestamp);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulationLogWriter request(List<String> groups, String name, int start, int end, boolean ok, String message) {
    try {
      out.writeByte(1);
      groups(groups);
      cached(name);
      out.writeInt(start);
      out.writeInt(end);
      out.writeBoolean(ok);
      cached(message == null ? "" : message);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulationLogWriter group(List<String> groups, int start, int end, int cumulated, boolean ok) {
    try {
      out.writeByte(3);
      groups(groups);
      out.writeInt(start);
      out.writeInt(end);
      out.writeInt(cumulated);
      out.writeBoolean(ok);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulationLogWriter error(String message, int timestamp) {
    try {
      out.writeByte(4);
      cached(message);
      out.writeInt(timestamp);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void groups(List<String> groups) throws IOException {
    out.writeInt(groups.size());
    for (String group : groups) {
      cached(group);
    }
  }

  private void cached(String value) throws IOException {
    Integer index = cache.get(value);
    if (index != null) {
      out.writeInt(-index);
      return;
    }
    int next = cache.size() + 1;
    cache.put(value, next);
    out.writeInt(next);
    plain(value);
  }

  private void plain(String value) throws IOException {
    if (value.isEmpty()) {
      out.writeInt(0);
      return;
    }
    boolean latin1 = value.chars().allMatch(c -> c <= 0xff);
    byte[] bytes = value.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.writeByte(latin1 ? 0 : 1);
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
