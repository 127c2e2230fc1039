package dev.loadbearing.merge;

import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The run folders of one split run, loaded and checked to belong together: the same simulation, run id, number
 * of injectors and shape, each index once and none missing. Anything else fails naming what is wrong.
 *
 * @param folders the parts' run folders, by injector index
 * @param stats   their stats.json, in the same order
 */
public record Parts(List<Path> folders, List<StatsReport> stats) {
  /** What must be equal in every part for their requests to be one run's (docs/DISTRIBUTED.md). */
  static final List<String> SAME_IN_EVERY_PART = List.of("runId", "injectors", "profile", "stage", "timeScale",
      "loadScale");

  /** Each folder a run folder, or one parent folder holding them (every child with a stats.json). */
  public static Parts load(List<Path> given) {
    List<Path> folders = given.size() == 1 && !Files.isRegularFile(given.get(0).resolve(StatsExporter.FILE_NAME))
        ? children(given.get(0)) : given;
    List<StatsReport> stats = new ArrayList<>();
    for (Path folder : folders) {
      stats.add(StatsFiles.load(folder.resolve(StatsExporter.FILE_NAME)));
    }
    return check(folders, stats);
  }

  static Parts check(List<Path> folders, List<StatsReport> stats) {
    if (stats.size() < 2) {
      throw new MergeException("a merge needs the run folders of 2 or more injectors; got " + stats.size());
    }
    StatsReport first = stats.get(0);
    Map<String, Object> expected = parameters(folders.get(0), first);
    Path[] byIndex = new Path[stats.size()];
    StatsReport[] reportByIndex = new StatsReport[stats.size()];
    for (int i = 0; i < stats.size(); i++) {
      Map<String, Object> p = parameters(folders.get(i), stats.get(i));
      if (!Objects.equals(stats.get(i).run().simulationClass(), first.run().simulationClass())) {
        throw mismatch("simulation", folders, i, first.run().simulationClass(), stats.get(i).run().simulationClass());
      }
      for (String key : SAME_IN_EVERY_PART) {
        if (!Objects.equals(String.valueOf(p.get(key)), String.valueOf(expected.get(key)))) {
          throw mismatch(key, folders, i, expected.get(key), p.get(key));
        }
      }
      if (!Objects.equals(shape(p), shape(expected))) {
        throw mismatch("shape (phase starts and lengths, ms)", folders, i, shape(expected), shape(p));
      }
      int index = ((Number) p.get("injectorIndex")).intValue();
      int injectors = ((Number) p.get("injectors")).intValue();
      if (injectors != stats.size()) {
        throw new MergeException("the parts say injectors = " + injectors + " but " + stats.size()
            + " run folders were given; " + missingOrExtra(injectors, stats, folders));
      }
      if (index < 0 || index >= injectors) {
        throw new MergeException(folders.get(i) + " has injector index " + index + ", outside 0.." + (injectors - 1));
      }
      if (byIndex[index] != null) {
        throw new MergeException("injector index " + index + " is there twice: " + byIndex[index] + " and "
            + folders.get(i));
      }
      byIndex[index] = folders.get(i);
      reportByIndex[index] = stats.get(i);
    }
    return new Parts(List.of(byIndex), List.of(reportByIndex));
  }

  /** The parts' simulation.log files, for the merged report's timeline. */
  public List<Path> logs() {
    return folders.stream().map(f -> f.resolve("simulation.log")).filter(Files::isRegularFile).toList();
  }

  private static Map<String, Object> parameters(Path folder, StatsReport stats) {
    Map<String, Object> p = stats.run().parameters();
    if (p == null || !p.containsKey("runId") || !(p.get("injectorIndex") instanceof Number)
        || !(p.get("injectors") instanceof Number)) {
      throw new MergeException(folder + " is not a part of a split run: its stats.json has no runId, injectors "
          + "and injectorIndex parameters (run it with -Dinjectors=N -Dinjector.index=i -Dstart.at=...)");
    }
    return p;
  }

  /**
   * The phases' planned starts and lengths: what the injectors were told to run, not what they achieved. Not
   * their names: Stress names a phase by its users ("ramp to 50 users"), which are each part's share.
   */
  private static List<String> shape(Map<String, Object> parameters) {
    List<String> shape = new ArrayList<>();
    if (parameters.get("phases") instanceof List<?> phases) {
      for (Object phase : phases) {
        if (phase instanceof Map<?, ?> m) {
          shape.add(m.get("startMs") + "+" + m.get("lengthMs"));
        }
      }
    }
    return shape;
  }

  private static MergeException mismatch(String what, List<Path> folders, int i, Object expected, Object found) {
    return new MergeException("the parts do not belong together: different " + what + ": " + folders.get(0) + " has "
        + expected + ", " + folders.get(i) + " has " + found);
  }

  private static String missingOrExtra(int injectors, List<StatsReport> stats, List<Path> folders) {
    if (stats.size() > injectors) {
      return (stats.size() - injectors) + " too many";
    }
    TreeSet<Integer> missing = new TreeSet<>();
    for (int i = 0; i < injectors; i++) {
      missing.add(i);
    }
    for (int i = 0; i < stats.size(); i++) {
      missing.remove(((Number) parameters(folders.get(i), stats.get(i)).get("injectorIndex")).intValue());
    }
    return "index " + String.join(", ", missing.stream().map(String::valueOf).toList()) + " missing";
  }

  private static List<Path> children(Path parent) {
    if (!Files.isDirectory(parent)) {
      throw new MergeException(parent + ": no such folder");
    }
    try (Stream<Path> children = Files.list(parent)) {
      List<Path> runs = children.filter(c -> Files.isRegularFile(c.resolve(StatsExporter.FILE_NAME)))
          .sorted().toList();
      if (runs.isEmpty()) {
        throw new MergeException(parent + " holds no run folder with a stats.json (and has none itself)");
      }
      return new ArrayList<>(new TreeSet<>(runs));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
    }
  }
}
