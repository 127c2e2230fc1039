package dev.loadbearing.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Gatling 3.15.1's binary simulation.log in one streaming pass and hands each record to a
 * {@link Listener}. The format is version-bound (big-endian, record type byte, a string cache shared by
 * the whole file), so a log written by any other Gatling version is refused with a clear message.
 */
public final class SimulationLogReader {
  /** The only Gatling version whose log layout this reader knows. */
  public static final String GATLING_VERSION = "3.15.1";

  private static final int RUN = 0;
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  /** The Run record that opens every log. */
  public record RunHeader(String gatlingVersion, String simulationClass, long start, String description,
                          List<String> scenarios) {
  }

  /** Receives records in file order; times are milliseconds relative to {@link RunHeader#start()}. */
  public interface Listener {
    void run(RunHeader header);

    default void user(int scenario, boolean start, int timestamp) {
    }

    /** @param groups the enclosing groups, outermost first; the same list instance for the same path */
    void request(List<String> groups, String name, int start, int end, boolean ok, String message);

    void group(List<String> groups, int start, int end, int cumulatedResponseTime, boolean ok);

    default void error(String message, int timestamp) {
    }
  }

  private final Path file;
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long consumed;
  private String[] cache = new String[256];
  private final Map<List<String>, List<String>> paths = new HashMap<>();

  private SimulationLogReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Reads the whole file; returns the run header. Throws {@link SimulationLogException} on bad input. */
  public static RunHeader read(Path file, Listener listener) {
    try (InputStream in = Files.newInputStream(file)) {
      return new SimulationLogReader(file, in).readAll(listener);
    } catch (IOException e) {
      throw new SimulationLogException(file, 0, "cannot read: " + e);
    }
  }

  /** Reads only the Run record at the start of the file. */
  public static RunHeader readHeader(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      SimulationLogReader reader = new SimulationLogReader(file, in);
      if (!reader.fill()) {
        throw reader.fail("empty file, not a Gatling simulation.log");
      }
      int type = reader.readByte();
      if (type != RUN) {
        throw reader.fail("first record has type " + type + ", expected the Run record: not a Gatling "
            + GATLING_VERSION + " simulation.log");
      }
      return reader.readRun();
    } catch (IOException e) {
      throw new SimulationLogException(file, 0, "cannot read: " + e);
    }
  }

  private RunHeader readAll(Listener listener) throws IOException {
    if (!fill()) {
      throw fail("empty file, not a Gatling simulation.log");
    }
    int first = readByte();
    if (first != RUN) {
      throw fail("first record has type " + first + ", expected the Run record: not a Gatling "
          + GATLING_VERSION + " simulation.log");
    }
    RunHeader header = readRun();
    listener.run(header);
    while (position < limit || fill()) {
      long recordStart = offset();
      int type = readByte();
      switch (type) {
        case REQUEST -> {
          List<String> groups = readGroups();
          String name = readCached();
          int start = readInt();
          int end = readInt();
          boolean ok = readBoolean();
          String message = readCached();
          listener.request(groups, name, start, end, ok, message);
        }
        case USER -> {
          int scenario = readInt();
          boolean start = readBoolean();
          int timestamp = readInt();
          listener.user(scenario, start, timestamp);
        }
        case GROUP -> {
          List<String> groups = readGroups();
          int start = readInt();
          int end = readInt();
          int cumulated = readInt();
          boolean ok = readBoolean();
          listener.group(groups, start, end, cumulated, ok);
        }
        case ERROR -> listener.error(readCached(), readInt());
        default -> throw new SimulationLogException(file, recordStart, "unknown record type " + type
            + " (a corrupt file, or not a Gatling " + GATLING_VERSION + " simulation.log)");
      }
    }
    return header;
  }

  private RunHeader readRun() throws IOException {
    String version = readPlain();
    if (!GATLING_VERSION.equals(version)) {
      throw fail("written by Gatling '" + version + "', but this reader understands only Gatling "
          + GATLING_VERSION + "'s format (the layout changes between versions)");
    }
    String simulation = readPlain();
    long start = readLong();
    String description = readPlain();
    int scenarioCount = readCount("scenario count");
    List<String> scenarios = new ArrayList<>(scenarioCount);
    for (int i = 0; i < scenarioCount; i++) {
      scenarios.add(readPlain());
    }
    int assertionCount = readCount("assertion count");
    for (int i = 0; i < assertionCount; i++) {
      skip(readCount("assertion length"));
    }
    return new RunHeader(version, simulation, start, description, List.copyOf(scenarios));
  }

  private List<String> readGroups() throws IOException {
    int count = readCount("group count");
    if (count == 0) {
      return List.of();
    }
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = readCached();
    }
    List<String> path = Arrays.asList(names);
    // One shared instance per path, so listeners can key maps on it cheaply.
    return paths.computeIfAbsent(path, List::copyOf);
  }

  private String readCached() throws IOException {
    long at = offset();
    int index = readInt();
    if (index >= 0) {
      String value = readPlain();
      if (index >= cache.length) {
        cache = Arrays.copyOf(cache, Math.max(index + 1, cache.length * 2));
      }
      cache[index] = value;
      return value;
    }
    int reference = -index;
    String value = reference < cache.length ? cache[reference] : null;
    if (value == null) {
      throw new SimulationLogException(file, at, "reference to string #" + reference + " that was never defined");
    }
    return value;
  }

  private String readPlain() throws IOException {
    int length = readCount("string length");
    if (length == 0) {
      return "";
    }
    byte[] bytes = readBytes(length);
    int coder = readByte();
    return switch (coder) {
      case 0 -> new String(bytes, StandardCharsets.ISO_8859_1);
      case 1 -> new String(bytes, StandardCharsets.UTF_16LE);
      default -> throw fail("unknown string coder " + coder);
    };
  }

  private int readCount(String what) throws IOException {
    long at = offset();
    int value = readInt();
    if (value < 0 || value > 50_000_000) {
      throw new SimulationLogException(file, at, "implausible " + what + " " + value + " (corrupt file?)");
    }
    return value;
  }

  private long offset() {
    return consumed + position;
  }

  private SimulationLogException fail(String problem) {
    return new SimulationLogException(file, offset(), problem);
  }

  private boolean fill() throws IOException {
    consumed += limit;
    position = 0;
    limit = 0;
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) == 0) {
      // retry
    }
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  private void require(int bytes) throws IOException {
    if (limit - position >= bytes) {
      return;
    }
    // Move the remainder to the front and read more behind it.
    int remaining = limit - position;
    System.arraycopy(buffer, position, buffer, 0, remaining);
    consumed += position;
    position = 0;
    limit = remaining;
    while (limit < bytes) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw new SimulationLogException(file, offset(), "truncated: the file ends in the middle of a record ("
            + "needed " + bytes + " bytes, " + remaining + " left)");
      }
      limit += n;
    }
  }

  private int readByte() throws IOException {
    require(1);
    return buffer[position++];
  }

  private boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  private int readInt() throws IOException {
    require(4);
    byte[] b = buffer;
    int p = position;
    position = p + 4;
    return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }

  private long readLong() throws IOException {
    return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
  }

  private byte[] readBytes(int length) throws IOException {
    byte[] out = new byte[length];
    int copied = 0;
    while (copied < length) {
      if (position == limit && !fill()) {
        throw new SimulationLogException(file, offset(),
            "truncated: the file ends inside a " + length + "-byte string");
      }
      int n = Math.min(length - copied, limit - position);
      System.arraycopy(buffer, position, out, copied, n);
      position += n;
      copied += n;
    }
    return out;
  }

  private void skip(int length) throws IOException {
    readBytes(length);
  }
}
