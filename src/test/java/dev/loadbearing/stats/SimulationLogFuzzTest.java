package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real simulation.log files (a Load run of this suite, 40 KB, and the Smoke fixture), corrupted at random with
 * fixed seeds: every case either reads or fails with {@link SimulationLogException}, never another exception,
 * never an allocation out of proportion to the file, within a time bound. Then the corruptions that used to
 * allocate gigabytes or throw an ArrayIndexOutOfBoundsException, one by one.
 */
class SimulationLogFuzzTest {
  private static final Path LOAD = Path.of("src/test/resources/fuzz/load-simulation.log");
  private static final Path SMOKE =
      Path.of("src/test/resources/gatling-runs/smokesimulation-20261122051417601/simulation.log");
  /** What one case may allocate at most (reading and computing the stats of a 40 KB log takes a few MB). */
  private static final long MAX_ALLOCATED_PER_CASE = 64L << 20;
  private static final long MAX_MILLIS_PER_CASE = 3_000;
  private static final int[] EXTREME_INTS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0x7ffffff0, 0x40000000,
      65_536, 1 << 20};

  @TempDir
  Path dir;

  @Test
  void theRealLogsReadCleanly() {
    for (Path log : List.of(LOAD, SMOKE)) {
      StatsCalculator calculator = new StatsCalculator();
      SimulationLogReader.read(log, calculator);
      assertThat(calculator.global().count()).as(log.toString()).isPositive();
    }
  }

  @Test
  void corruptedLoadLogEitherReadsOrFailsWithSimulationLogException() throws Exception {
    assertThat(fuzz(LOAD, 20261130L, 1500)).isGreaterThan(100);
  }

  @Test
  void corruptedSmokeLogEitherReadsOrFailsWithSimulationLogException() throws Exception {
    assertThat(fuzz(SMOKE, 9L, 1500)).isGreaterThan(100);
  }

  /** Returns how many cases were refused (the rest read, as a flipped latency digit does). */
  private int fuzz(Path original, long seed, int cases) throws Exception {
    byte[] clean = Files.readAllBytes(original);
    Random random = new Random(seed);
    Path log = dir.resolve("simulation.log");
    com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported() ? t : null;
    int refused = 0;
    for (int i = 0; i < cases; i++) {
      String mutation = mutate(clean, random);
      byte[] bytes = lastMutant;
      Files.write(log, bytes);
      long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
      long started = System.nanoTime();
      try {
        if (i % 10 == 0) {
          // The statistics too (t-digests, histograms) one case in 10, and the whole stats.json (a compressed
          // histogram per row, milliseconds each) one in 50: the reader is what is fuzzed.
          StatsCalculator calculator = new StatsCalculator();
          SimulationLogReader.RunHeader header = SimulationLogReader.read(log, calculator);
          if (i % 50 == 0) {
            StatsExporter.build(dir, header, calculator, null, FIXED);
          }
        } else {
          SimulationLogReader.read(log, NOTHING);
        }
      } catch (SimulationLogException e) {
        refused++;
        assertThat(e.getMessage()).as("case %d (%s)", i, mutation).startsWith(log + " at byte ");
      } catch (RuntimeException | Error e) {
        fail("case " + i + " of seed " + seed + " (" + mutation + ") threw " + e, e);
      }
      // Generous for a 40 KB file on a loaded machine; a case that loops or reads far beyond the file fails it.
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms for case %d (%s)", i, mutation)
          .isLessThan(MAX_MILLIS_PER_CASE);
      if (threads != null) {
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by case %d (%s)", i, mutation).isLessThan(MAX_ALLOCATED_PER_CASE);
      }
    }
    return refused;
  }

  private byte[] lastMutant;

  /** Corrupts a copy of {@code clean} into {@link #lastMutant}; returns what was done, for the failure message. */
  private String mutate(byte[] clean, Random random) {
    int at = random.nextInt(clean.length);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] b = clean.clone();
        int flips = 1 + random.nextInt(4);
        for (int k = 0; k < flips; k++) {
          b[(at + k * 7) % b.length] ^= (byte) (1 << random.nextInt(8));
        }
        lastMutant = b;
        return flips + " bit flips from byte " + at;
      }
      case 1 -> {
        lastMutant = Arrays.copyOf(clean, at);
        return "truncated at byte " + at;
      }
      case 2 -> {
        byte[] insert = new byte[1 + random.nextInt(8)];
        random.nextBytes(insert);
        ByteBuffer b = ByteBuffer.allocate(clean.length + insert.length);
        b.put(clean, 0, at).put(insert).put(clean, at, clean.length - at);
        lastMutant = b.array();
        return insert.length + " random bytes inserted at byte " + at;
      }
      case 3 -> {
        int length = Math.min(1 + random.nextInt(16), clean.length - at);
        ByteBuffer b = ByteBuffer.allocate(clean.length - length);
        b.put(clean, 0, at).put(clean, at + length, clean.length - at - length);
        lastMutant = b.array();
        return length + " bytes deleted at byte " + at;
      }
      case 4 -> {
        // An extreme 32-bit value over whatever is there: lengths, counts, string indexes, times.
        byte[] b = clean.clone();
        int value = EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
        int p = Math.min(at, b.length - 4);
        ByteBuffer.wrap(b).putInt(p, value);
        lastMutant = b;
        return "int " + value + " written at byte " + p;
      }
      default -> {
        byte[] b = clean.clone();
        b[at] = (byte) random.nextInt(256);
        lastMutant = b;
        return "random byte at " + at;
      }
    }
  }

  /** Takes every record and does nothing with it: the reader alone. */
  private static final SimulationLogReader.Listener NOTHING = new SimulationLogReader.Listener() {
    @Override
    public void run(SimulationLogReader.RunHeader header) {
    }

    @Override
    public void request(List<String> groups, String name, int start, int end, boolean ok, String message) {
    }

    @Override
    public void group(List<String> groups, int start, int end, int cumulatedResponseTime, boolean ok) {
    }
  };

  private static final StatsExporter.Environment FIXED = new StatsExporter.Environment() {
    @Override
    public String gitCommit() {
      return null;
    }

    @Override
    public StatsReport.Machine machine() {
      return null;
    }

    @Override
    public String injector() {
      return "fuzz";
    }
  };

  // ---- the corruptions that broke the reader, each pinned down ----

  /** A log with one scenario and nothing else, then {@code tail} appended. */
  private Path logWith(byte... tail) throws Exception {
    Path log = dir.resolve("corrupt.log");
    new SimulationLogWriter(log, "dev.x.ShopSimulation", 1L, List.of("s")).close();
    Files.write(log, tail, StandardOpenOption.APPEND);
    return log;
  }

  private static byte[] ints(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      action.run();
    } catch (SimulationLogException expected) {
      // asserted separately
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void aHugeStringIndexIsRefusedAtItsOffsetWithoutGrowingTheCache() throws Exception {
    // Request record, no groups, name defined as string #2147483647 ("x").
    Path log = logWith(concat(new byte[] {1}, ints(0, Integer.MAX_VALUE, 1), new byte[] {'x', 0}));
    long offset = Files.size(log) - 2 - 8;
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageStartingWith(log + " at byte " + offset + ": string index 2147483647 is beyond");
    assertThat(allocatedBy(() -> SimulationLogReader.read(log, new StatsCalculator()))).isLessThan(4L << 20);
  }

  @Test
  void theMostNegativeStringReferenceIsRefusedNotAnArrayIndexError() throws Exception {
    Path log = logWith(concat(new byte[] {1}, ints(0, Integer.MIN_VALUE)));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("reference to string #-2147483648 that was never defined");
  }

  @Test
  void aStringLongerThanTheRestOfTheFileIsRefusedBeforeAllocatingIt() throws Exception {
    // Error record: message defined as string #1 of length 0x7ffffff0, but only 6 bytes follow.
    Path log = logWith(concat(new byte[] {4}, ints(1, 0x7ffffff0), new byte[] {'a', 'b', 0, 0, 0, 0}));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("at byte " + (Files.size(log) - 10))
        .hasMessageContaining("implausible string length 2147483632: only 6 bytes are left in the file");
    assertThat(allocatedBy(() -> SimulationLogReader.read(log, new StatsCalculator()))).isLessThan(4L << 20);
  }

  @Test
  void aHugeGroupCountIsRefusedBeforeAllocatingTheNames() throws Exception {
    Path log = logWith(concat(new byte[] {3}, ints(50_000_000, 1, 1, 1)));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("implausible group count 50000000: only 12 bytes are left");
    assertThat(allocatedBy(() -> SimulationLogReader.read(log, new StatsCalculator()))).isLessThan(4L << 20);
  }

  @Test
  void aHugeScenarioCountOrAssertionLengthIsRefused() throws Exception {
    Path log = dir.resolve("header.log");
    new SimulationLogWriter(log, "3.15.1", "dev.x.ShopSimulation", 1L, List.of("s"), List.of(new byte[] {7}))
        .close();
    byte[] clean = Files.readAllBytes(log);
    // The assertion blob's length is the int before its single byte, at the end of the file.
    byte[] longBlob = clean.clone();
    ByteBuffer.wrap(longBlob).putInt(clean.length - 5, 40_000_000);
    Files.write(log, longBlob);
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("implausible assertion length 40000000");
    assertThat(allocatedBy(() -> SimulationLogReader.read(log, new StatsCalculator()))).isLessThan(4L << 20);
    // The scenario count is the int before "s" (length 1, byte, coder), i.e. 10 bytes before the assertions.
    byte[] manyScenarios = clean.clone();
    ByteBuffer.wrap(manyScenarios).putInt(clean.length - 9 - 10, 30_000_000);
    Files.write(log, manyScenarios);
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("implausible scenario count 30000000");
  }

  @Test
  void aGroupRecordWithoutAGroupIsRefusedNotAnIndexErrorInTheStats() throws Exception {
    Path log = logWith(concat(new byte[] {3}, ints(0, 1, 2, 1), new byte[] {1}));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("group record without a group name");
  }

  @Test
  void anOddLengthUtf16StringIsRefused() throws Exception {
    Path log = logWith(concat(new byte[] {4}, ints(1, 3), new byte[] {'a', 0, 'b', 1}, ints(5)));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new StatsCalculator()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("UTF-16 string of odd length 3");
  }

  @Test
  void statsMainSaysInOneLineWhichByteOfWhichFileIsBad() throws Exception {
    Path run = Files.createDirectories(dir.resolve("loadsimulation-20261130032637460"));
    // Cut inside the Run record's simulation class name: the header itself is unreadable.
    Files.write(run.resolve("simulation.log"), Arrays.copyOf(Files.readAllBytes(LOAD), 30));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = StatsMain.run(new String[] {run.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Loadbearing stats: " + run.resolve("simulation.log") + " at byte ")
        .hasLineCount(1);
    assertThat(run.resolve("stats.json")).doesNotExist();
  }
}
