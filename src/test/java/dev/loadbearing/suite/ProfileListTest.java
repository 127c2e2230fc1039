package dev.loadbearing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The profiles are named in several places that no compiler links: the simulation classes, the config blocks,
 * the committed baselines, the CI scripts and pipelines, and the README's table. They must all name the same ones.
 */
class ProfileListTest {
  private static final Path SIMULATIONS = Path.of("src/test/java/dev/loadbearing/suite/simulations");

  @Test
  void everyPlaceNamesTheSameProfiles() throws IOException {
    Set<String> classes = simulationClasses();
    assertThat(classes).as("simulation classes").isNotEmpty();
    assertThat(configBlocks()).as("profile blocks in loadbearing.conf").isEqualTo(classes);
    assertThat(baselines()).as("baselines/*.json").isEqualTo(classes);
    assertThat(ciRunProfiles()).as("profiles .ci/run runs").isEqualTo(classes);
    assertThat(githubActionsChoices()).as("profiles offered by ci/github-actions.yml").isEqualTo(classes);
    assertThat(readmeTable()).as("profiles in the README's table").isEqualTo(classes);
  }

  private static Set<String> simulationClasses() throws IOException {
    try (Stream<Path> files = Files.list(SIMULATIONS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Simulation.java"))
          .map(n -> n.substring(0, n.length() - "Simulation.java".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> configBlocks() {
    return ConfigFactory.parseFile(Path.of("src/test/resources/loadbearing.conf").toFile())
        .getConfig("loadbearing.profiles").root().keySet().stream().map(ProfileListTest::camelCase)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> baselines() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("baselines"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Smoke (run first, with its comparison) and the list in {@code PROFILES=(...)}. */
  private static Set<String> ciRunProfiles() throws IOException {
    String script = Files.readString(Path.of(".ci/run"));
    Set<String> names = new TreeSet<>(words(find(script, "PROFILES=\\(([A-Za-z ]+)\\)")));
    names.addAll(words(find(script, "step (\\w+) bash ci/run-profile.sh")));
    return names;
  }

  private static Set<String> githubActionsChoices() throws IOException {
    String pipeline = Files.readString(Path.of("ci/github-actions.yml"));
    return new TreeSet<>(Arrays.asList(find(pipeline, "Profile to run \\(([A-Za-z, ]+)\\)").split(",\\s*")));
  }

  /** The first column of the README's profile table: rows like {@code | Smoke | Does every ...}. */
  private static Set<String> readmeTable() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("| profile |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Set<String> names = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\w+) \\|").matcher(table);
    while (row.find()) {
      if (!row.group(1).equals("profile")) {
        names.add(row.group(1));
      }
    }
    return names;
  }

  private static String find(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("'%s' found", regex).isTrue();
    return matcher.group(1);
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code breaking-point} → {@code BreakingPoint}. */
  private static String camelCase(String kebab) {
    return Arrays.stream(kebab.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
        .collect(Collectors.joining());
  }
}
