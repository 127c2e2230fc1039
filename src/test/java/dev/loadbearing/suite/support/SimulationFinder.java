package dev.loadbearing.suite.support;

import io.gatling.javaapi.core.Simulation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns {@code -Dsimulation=<Name>} into a simulation class, with no list to maintain: {@code Spike} is the class
 * named {@code SpikeSimulation} (or {@code Spike}) in any package on the classpath, and a full class name is
 * taken as it is. An unknown name lists the simulations there are; a short name that two classes share lists
 * both. Maven runs {@link #main} before {@code gatling:test} (see pom.xml); {@code IdeLauncher} calls
 * {@link #find(String)}.
 */
public final class SimulationFinder {
  private static final String SUFFIX = "Simulation";
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

  private SimulationFinder() {
  }

  /**
   * Maven's check before {@code gatling:test}: {@code args} are the class folder to look in, then the name given
   * with {@code -Dsimulation} (absent when it was empty). Throws, failing the build, unless the name picks
   * exactly one class.
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: SimulationFinder <class folder> [<simulation name>]");
    }
    Path folder = Path.of(args[0]);
    if (!Files.isDirectory(folder)) {
      // No test classes (-Dmaven.test.skip): no simulation can run, and nothing is there to check.
      return;
    }
    String name = args.length == 2 ? args[1] : "";
    // Silent when it passes: gatling:test announces the class it runs.
    find(name, List.of(folder), SimulationFinder.class.getClassLoader());
  }

  /** The simulation class {@code name} picks among the class folders on this JVM's classpath. */
  public static String find(String name) {
    Set<Path> folders = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).filter(Files::isDirectory).map(Path::toAbsolutePath)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    // The suite's own folder, also when an IDE shortens the command line and java.class.path names one jar.
    suiteFolder().ifPresent(folders::add);
    return find(name, List.copyOf(folders), SimulationFinder.class.getClassLoader());
  }

  private static Optional<Path> suiteFolder() {
    CodeSource source = SimulationFinder.class.getProtectionDomain().getCodeSource();
    try {
      return Optional.ofNullable(source).map(s -> Path.of(URI.create(s.getLocation().toString())))
          .filter(Files::isDirectory).map(Path::toAbsolutePath);
    } catch (IllegalArgumentException | FileSystemNotFoundException notAFolder) {
      return Optional.empty();
    }
  }

  static String find(String name, List<Path> folders, ClassLoader loader) {
    List<String> simulations = scan(folders, loader);
    // A full name may also be a simulation packaged in a jar, which the scan of class folders does not see.
    if (name != null && name.contains(".") && !simulations.contains(name) && isSimulation(name, loader)) {
      return name;
    }
    return resolve(name, simulations);
  }

  /** The concrete Gatling simulations compiled into {@code folders}, by full class name, sorted. */
  static List<String> scan(List<Path> folders, ClassLoader loader) {
    TreeSet<String> simulations = new TreeSet<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.map(file -> folder.relativize(file).toString()).filter(SimulationFinder::isTopLevelClassFile)
            .map(file -> file.substring(0, file.length() - ".class".length()).replace(File.separatorChar, '.'))
            .filter(className -> isSimulation(className, loader)).forEach(simulations::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not list the classes in " + folder, e);
      }
    }
    return List.copyOf(simulations);
  }

  /**
   * The one class among {@code simulations} that {@code name} picks: the class of that full name, or the one
   * whose simple name is {@code name + "Simulation"} or {@code name}. The plugin's {@code <includes>} in
   * pom.xml select by the same rule.
   */
  static String resolve(String name, Collection<String> simulations) {
    if (name == null || !CLASS_NAME.matcher(name).matches()) {
      throw new UnknownSimulationException("-Dsimulation='" + (name == null ? "" : name) + "' is not a class name. "
          + known(simulations));
    }
    List<String> matches = matches(name, simulations);
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new UnknownSimulationException("Unknown simulation '" + name + "'." + didYouMean(name, simulations)
          + " " + known(simulations));
    }
    throw new UnknownSimulationException("Simulation '" + name + "' is ambiguous: " + matches.size()
        + " classes match it:" + matches.stream().map(c -> "\n  " + c).collect(Collectors.joining())
        + "\nGive the full class name, e.g. -Dsimulation=" + matches.get(0));
  }

  /** {@code SpikeSimulation} is {@code Spike}; a simulation class not ending in "Simulation" keeps its name. */
  static String shortName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple.endsWith(SUFFIX) && simple.length() > SUFFIX.length()
        ? simple.substring(0, simple.length() - SUFFIX.length()) : simple;
  }

  /** Every class among {@code simulations} that {@code name} picks, sorted: one, or none, or an ambiguity. */
  static List<String> matches(String name, Collection<String> simulations) {
    return simulations.stream().filter(className -> picks(name, className)).distinct().sorted().toList();
  }

  private static boolean picks(String name, String className) {
    if (className.equals(name)) {
      return true;
    }
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return !name.contains(".") && (simple.equals(name + SUFFIX) || simple.equals(name));
  }

  private static String didYouMean(String name, Collection<String> simulations) {
    Optional<String> sameButCase = simulations.stream().map(SimulationFinder::shortName)
        .filter(shortName -> shortName.equalsIgnoreCase(name) || (shortName + SUFFIX).equalsIgnoreCase(name))
        .findFirst();
    return sameButCase.map(shortName -> " Did you mean '" + shortName + "'?").orElse("");
  }

  private static String known(Collection<String> simulations) {
    if (simulations.isEmpty()) {
      return "No simulation classes were found; are the tests compiled (mvn test-compile)?";
    }
    Map<String, Long> uses = simulations.stream()
        .collect(Collectors.groupingBy(SimulationFinder::shortName, Collectors.counting()));
    Function<String, String> row = className -> {
      String shortName = shortName(className);
      String use = uses.get(shortName) > 1 ? className : shortName;
      return "\n  -Dsimulation=%-16s %s".formatted(use, className);
    };
    return "Use -Dsimulation= with one of:" + simulations.stream()
        .sorted(Comparator.comparing(SimulationFinder::shortName).thenComparing(Comparator.naturalOrder()))
        .map(row).collect(Collectors.joining())
        + "\n(any class named <Name>Simulation under src/test/java is found by <Name>, in any package)";
  }

  private static boolean isTopLevelClassFile(String file) {
    return file.endsWith(".class") && !file.contains("$") && !file.endsWith("module-info.class")
        && !file.endsWith("package-info.class");
  }

  private static boolean isSimulation(String className, ClassLoader loader) {
    try {
      // Loaded without being initialised: no simulation's static state or constructor runs here.
      Class<?> type = Class.forName(className, false, loader);
      return Simulation.class.isAssignableFrom(type) && !type.isInterface()
          && !Modifier.isAbstract(type.getModifiers());
    } catch (ClassNotFoundException | LinkageError notLoadable) {
      return false;
    }
  }
}
