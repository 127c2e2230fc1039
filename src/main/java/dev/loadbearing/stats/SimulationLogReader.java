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
 *
 * <p>Every length, count and string index read from the file is checked against what the rest of the file
 * can hold before anything is allocated for it, so a corrupt or hostile file fails with a
 * {@link SimulationLogException} naming the byte offset, never with an allocation sized by a corrupt number.
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

  /**
   * Bytes a string definition takes at least in the file: its 4-byte index and 4-byte length. Gatling numbers
   * the strings it caches 1, 2, 3..., so no index can exceed the file's size divided by this.
   */
  private static final int MIN_DEFINITION_BYTES = 8;

  private final Path file;
  private final long fileSize;
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long consumed;
  private String[] cache = new String[256];
  private final Map<List<String>, List<String>> paths = new HashMap<>();

  private SimulationLogReader(Path file, InputStream in) throws IOException {
    this.file = file;
    this.fileSize = Files.size(file);
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
          if (groups.isEmpty()) {
            // A group record names at least the group it closes; the stats key their group rows on that name.
            throw new SimulationLogException(file, recordStart, "group record without a group name (corrupt file?)");
          }
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
    // Each scenario name takes at least its 4-byte length.
    int scenarioCount = readCount("scenario count", 4);
    List<String> scenarios = new ArrayList<>(scenarioCount);
    for (int i = 0; i < scenarioCount; i++) {
      scenarios.add(readPlain());
    }
    int assertionCount = readCount("assertion count", 4);
    for (int i = 0; i < assertionCount; i++) {
      skip(readCount("assertion length", 1));
    }
    return new RunHeader(version, simulation, start, description, List.copyOf(scenarios));
  }

  private List<String> readGroups() throws IOException {
    // Each group name takes at least its 4-byte string index.
    int count = readCount("group count", 4);
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
      if (index > fileSize / MIN_DEFINITION_BYTES + 1) {
        throw new SimulationLogException(file, at, "string index " + index + " is beyond what a file of "
            + fileSize + " bytes can define (corrupt file?)");
      }
      String value = readPlain();
      if (index >= cache.length) {
        cache = Arrays.copyOf(cache, (int) Math.max(index + 1, Math.min(cache.length * 2L, Integer.MAX_VALUE - 8)));
      }
      cache[index] = value;
      return value;
    }
    // -Integer.MIN_VALUE is still negative: no valid reference either.
    int reference = -index;
    String value = reference > 0 && reference < cache.length ? cache[reference] : null;
    if (value == null) {
      throw new SimulationLogException(file, at, "reference to string #" + reference + " that was never defined");
    }
    return value;
  }

  private String readPlain() throws IOException {
    long at = offset();
    // The string's bytes and its 1-byte coder must still be in the file.
    int length = readCount("string length", 1, 1);
    if (length == 0) {
      return "";
    }
    byte[] bytes = readBytes(length);
    int coder = readByte();
    return switch (coder) {
      case 0 -> new String(bytes, StandardCharsets.ISO_8859_1);
      case 1 -> {
        if (length % 2 != 0) {
          throw new SimulationLogException(file, at, "UTF-16 string of odd length " + length + " (corrupt file?)");
        }
        yield new String(bytes, StandardCharsets.UTF_16LE);
      }
      default -> throw new SimulationLogException(file, offset() - 1, "unknown string coder " + coder
          + " (corrupt file?)");
    };
  }

  private int readCount(String what, int minBytesEach) throws IOException {
    return readCount(what, minBytesEach, 0);
  }

  /**
   * A length or count, refused unless {@code value × minBytesEach + trailer} bytes are still left in the file:
   * nothing is ever allocated for more than the file holds.
   */
  private int readCount(String what, int minBytesEach, int trailer) throws IOException {
    long at = offset();
    int value = readInt();
    long left = fileSize - offset();
    if (value < 0 || (long) value * minBytesEach + (value == 0 ? 0 : trailer) > left) {
      String why = value < 0 ? "negative" : "only " + Math.max(0, left) + " bytes are left in the file";
      throw new SimulationLogException(file, at, "implausible " + what + " " + value + ": " + why
          + " (truncated or corrupt file?)");
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

  /** Skips {@code length} bytes without allocating for them. */
  private void skip(int length) throws IOException {
    int left = length;
    while (left > 0) {
      if (position == limit && !fill()) {
        throw new SimulationLogException(file, offset(),
            "truncated: the file ends inside a " + length + "-byte block");
      }
      int n = Math.min(left, limit - position);
      position += n;
      left -= n;
    }
  }
}
