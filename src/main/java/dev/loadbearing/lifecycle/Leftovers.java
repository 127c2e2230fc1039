package dev.loadbearing.lifecycle;

import dev.loadbearing.lifecycle.PidRegistry.Entry;
import dev.loadbearing.lifecycle.PidRegistry.Stored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a killed run left behind, found at the start of the next run and removed: processes from the
 * {@link PidRegistry} whose owner is gone, their data folders, and {@code pgdata-*} folders nobody claims.
 *
 * <p>A process is stopped only when its pid still has the start time and command that were recorded, so an
 * unrelated process that reused the pid is never touched. Entries whose owner is alive belong to a run that
 * is still going (another build in the same folder) and are left alone.
 */
public final class Leftovers {
  static final Duration POLITE_STOP = Duration.ofSeconds(5);
  private static final List<String> STOP_ORDER = List.of("gatling", "service", "postgres");

  private Leftovers() {
  }

  /** Cleans up, and returns one line saying what was stopped and removed, or empty when nothing was left. */
  public static Optional<String> clean(PidRegistry registry) {
    // Folders first: a run writes its entry before it creates its folder, so every folder seen here whose
    // run is alive has its entry in the listing that follows.
    List<Path> folders = dataFolders(registry.directory().getParent());
    List<String> stopped = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Set<Path> claimed = new HashSet<>();
    for (Stored stored : byStopOrder(registry.entries())) {
      if (stored.entry().isEmpty()) {
        delete(stored.file());
        continue;
      }
      Entry entry = stored.entry().get();
      if (entry.owner().alive()) {
        entry.data().ifPresent(claimed::add);
        continue;
      }
      Optional<ProcessHandle> process = entry.liveProcess();
      if (process.isPresent()) {
        if (!Processes.stop(process.get(), POLITE_STOP)) {
          entry.data().ifPresent(claimed::add);
          continue;
        }
        stopped.add(entry.describe());
      }
      entry.data().filter(Files::exists).ifPresent(folder -> {
        deleteTree(folder);
        removed.add(shown(folder));
      });
      entry.data().ifPresent(claimed::add);
      delete(stored.file());
    }
    for (Path folder : folders) {
      if (claimed.contains(folder) || !Files.exists(folder)) {
        continue;
      }
      postmasterOf(folder).ifPresent(postmaster -> {
        if (Processes.stop(postmaster, POLITE_STOP)) {
          stopped.add("postgres (pid " + postmaster.pid() + ")");
        }
      });
      deleteTree(folder);
      removed.add(shown(folder));
    }
    if (stopped.isEmpty() && removed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Loadbearing: cleaned up after an earlier run that was killed:"
        + (stopped.isEmpty() ? "" : " stopped " + String.join(", ", stopped) + ";")
        + (removed.isEmpty() ? "" : " removed " + String.join(", ", removed) + "."));
  }

  /**
   * The postmaster named by a folder's {@code postmaster.pid}, when that pid still runs {@code postgres} on
   * this very folder: a server started before the registry existed, or whose entry was lost.
   */
  private static Optional<ProcessHandle> postmasterOf(Path folder) {
    try {
      String firstLine = Files.readAllLines(folder.resolve("postmaster.pid")).get(0).strip();
      return ProcessHandle.of(Long.parseLong(firstLine))
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
          .filter(p -> p.info().commandLine().map(c -> c.contains(folder.toString())).orElse(false));
    } catch (IOException | RuntimeException noServer) {
      return Optional.empty();
    }
  }

  private static List<Stored> byStopOrder(List<Stored> entries) {
    return entries.stream().sorted(Comparator.comparingInt(s -> s.entry()
        .map(e -> STOP_ORDER.indexOf(e.kind())).map(i -> i < 0 ? STOP_ORDER.size() : i).orElse(0))).toList();
  }

  private static List<Path> dataFolders(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("pgdata-"))
          .map(p -> p.toAbsolutePath().normalize()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  /** Removes a folder and everything in it; what cannot be removed stays for the next run. */
  public static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Leftovers::delete);
    } catch (IOException | UncheckedIOException gone) {
      // removed meanwhile, or partly: the next run tries again
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // left for the next run
    }
  }

  private static String shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
  }
}
