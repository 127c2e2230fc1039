package dev.loadbearing.history;

import dev.loadbearing.compare.InputException;
import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The default history: a folder with one sub-folder per simulation and one stats.json per run, named so that
 * names sort by start time ({@code Smoke/1796001709646-smokesimulation-20261130012149046.json}). A folder CI
 * can cache or commit. Files are written whole (temporary file, then an atomic rename); a file that cannot be
 * read is reported through {@code warnings} and left out, never deleted and never fatal.
 */
public final class FolderHistory implements RunHistory {
  private final Path root;
  private final Consumer<String> warnings;

  public FolderHistory(Path root, Consumer<String> warnings) {
    this.root = root;
    this.warnings = warnings;
  }

  @Override
  public void append(StatsReport run) {
    String name = run.run().start() + "-" + run.run().runFolder() + ".json";
    StatsExporter.write(root.resolve(run.run().simulation()).resolve(name), run);
  }

  @Override
  public List<StatsReport> newest(String simulation, RunShape shape, int limit) {
    List<StatsReport> runs = new ArrayList<>();
    for (Path file : newestFirst(simulation)) {
      if (runs.size() == limit) {
        break;
      }
      read(file).filter(run -> RunShape.of(run).equals(shape)).ifPresent(run -> runs.add(0, run));
    }
    return runs;
  }

  @Override
  public Optional<StatsReport> latest(String simulation) {
    for (Path file : newestFirst(simulation)) {
      Optional<StatsReport> run = read(file);
      if (run.isPresent()) {
        return run;
      }
    }
    return Optional.empty();
  }

  @Override
  public int countOtherShapes(String simulation, RunShape shape) {
    // Reads every file of the simulation: fine for the hundreds of runs a CI cache keeps (docs/HISTORY.md).
    return (int) newestFirst(simulation).stream().map(this::read).flatMap(Optional::stream)
        .filter(run -> !RunShape.of(run).equals(shape)).count();
  }

  /** The simulation's files, newest first; none when it has no folder yet. */
  private List<Path> newestFirst(String simulation) {
    Path folder = root.resolve(simulation);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing((Path f) -> startOf(f)).thenComparing(Path::getFileName).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the history folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The run in {@code file}, or empty with a warning when it cannot be read. */
  private Optional<StatsReport> read(Path file) {
    try {
      return Optional.of(StatsFiles.load(file));
    } catch (InputException | UncheckedIOException e) {
      warnings.accept("history: skipped " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return "history folder " + root;
  }

  /** The start time a file's name begins with; a name that does not is sorted first (oldest). */
  private static long startOf(Path file) {
    String name = file.getFileName().toString();
    int dash = name.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
