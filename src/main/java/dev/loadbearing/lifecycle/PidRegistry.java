package dev.loadbearing.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One JSON file per process a run starts ({@code target/loadbearing/pids/<kind>-<id>.json}): its pid, start
 * time and command, the process that owns it, and the data folder it writes. A run that is killed outright
 * leaves its files behind, and {@link Leftovers} reads them at the start of the next run.
 *
 * <p>A file is written <em>before</em> its process or folder exists (with pid 0 until the pid is known), so
 * nothing a run creates is ever unknown to the next one.
 */
public final class PidRegistry {
  /** Where the files go; the launcher passes its own to the service so both use the same folder. */
  public static final String PROPERTY = "loadbearing.pid-registry";
  public static final Path DEFAULT = Path.of("target", "loadbearing", "pids");
  /** Start times read twice from {@code /proc} may differ by a clock tick; a reused pid differs by far more. */
  static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  public PidRegistry(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /** The folder named by {@code -Dloadbearing.pid-registry}, else {@code target/loadbearing/pids}. */
  public static PidRegistry standard() {
    String configured = System.getProperty(PROPERTY);
    return new PidRegistry(configured == null || configured.isBlank() ? DEFAULT : Path.of(configured));
  }

  public Path directory() {
    return directory;
  }

  /**
   * A process started by this run, or about to be.
   *
   * @param kind     what it is: {@code gatling}, {@code service} or {@code postgres}
   * @param pid      its pid; 0 while it is not started yet
   * @param started  its start time in epoch milliseconds; 0 while it is not started yet
   * @param command  the executable it must be running for a pid to be it ({@code /.../bin/postgres})
   * @param owner    the process whose life bounds its life: while the owner lives, it is not a leftover
   * @param dataDirectory a folder that goes with it, removed with it; null when none
   */
  public record Entry(String kind, long pid, long started, String command, Owner owner, String dataDirectory) {

    public Entry withProcess(ProcessHandle process, String command) {
      return new Entry(kind, process.pid(), startedMillis(process), command, owner, dataDirectory);
    }

    /** A running process, its life bounded by {@code owner}'s. */
    public static Entry of(String kind, ProcessHandle process, String command, ProcessHandle owner,
                           Path dataDirectory) {
      return new Entry(kind, process.pid(), startedMillis(process), command, Owner.of(owner), path(dataDirectory));
    }

    /** A folder about to be filled, and the process to be started for it once it is ready. */
    public static Entry pending(String kind, String command, ProcessHandle owner, Path dataDirectory) {
      return new Entry(kind, 0, 0, command, Owner.of(owner), path(dataDirectory));
    }

    private static String path(Path dataDirectory) {
      return dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize().toString();
    }

    /** Its file name: one per process, and one per data folder for a server not started yet. */
    String fileName() {
      String id = dataDirectory != null ? Path.of(dataDirectory).getFileName().toString() : Long.toString(pid);
      return kind + "-" + id + ".json";
    }

    /** The live process this entry names, when the pid still belongs to it (same start time, same command). */
    public Optional<ProcessHandle> liveProcess() {
      return pid <= 0 ? Optional.empty() : ProcessHandle.of(pid).filter(p -> isSame(p, started, command));
    }

    public Optional<Path> data() {
      return Optional.ofNullable(dataDirectory).map(Path::of);
    }

    public String describe() {
      return kind + " (pid " + pid + ")";
    }
  }

  /** The process an entry depends on, identified by pid and start time. */
  public record Owner(long pid, long started) {
    public static Owner of(ProcessHandle process) {
      return new Owner(process.pid(), startedMillis(process));
    }

    public boolean alive() {
      return ProcessHandle.of(pid).filter(p -> isSame(p, started, null)).isPresent();
    }
  }

  /** Writes an entry; the returned registration updates and removes it. */
  public Registration register(Entry entry) {
    Registration registration = new Registration(directory.resolve(entry.fileName()));
    registration.write(entry);
    return registration;
  }

  /** Every entry on disk; one that cannot be read is returned as an empty entry for its file. */
  public List<Stored> entries() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Stored> stored = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        stored.add(new Stored(file, read(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    return stored;
  }

  /** An entry and the file it was read from; the entry is empty when the file was unreadable. */
  public record Stored(Path file, Optional<Entry> entry) {
  }

  /** One entry's file, kept up to date by its owner and removed when the process is gone. */
  public static final class Registration implements AutoCloseable {
    private final Path file;

    Registration(Path file) {
      this.file = file;
    }

    /** Rewrites the entry atomically, so that a reader never sees half a file. */
    public void write(Entry entry) {
      try {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".entry", ".tmp");
        JSON.writeValue(temporary.toFile(), entry);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the pid registry entry " + file, e);
      }
    }

    @Override
    public void close() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the next run finds it, sees the process gone, and removes it
      }
    }
  }

  public static long startedMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static boolean isSame(ProcessHandle process, long started, String command) {
    if (!Processes.isRunning(process)) {
      return false;
    }
    long actual = startedMillis(process);
    if (started == 0 || actual == 0 || Math.abs(actual - started) > START_TOLERANCE.toMillis()) {
      return false;
    }
    return command == null || process.info().command().map(command::equals).orElse(false);
  }

  private static Optional<Entry> read(Path file) {
    try {
      return Optional.of(JSON.readValue(file.toFile(), Entry.class));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
