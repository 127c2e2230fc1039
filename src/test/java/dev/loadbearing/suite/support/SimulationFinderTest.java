package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.suite.simulations.SmokeSimulation;
import dev.loadbearing.suite.template.YourServiceSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationFinderTest {
  private static final String SMOKE = "dev.loadbearing.suite.simulations.SmokeSimulation";
  private static final String YOUR_SERVICE = "dev.loadbearing.suite.template.YourServiceSimulation";
  private static final List<String> SIMULATIONS = List.of(SMOKE, "dev.loadbearing.suite.simulations.SpikeSimulation",
      YOUR_SERVICE, "com.acme.CheckoutSimulation", "com.acme.Browse");

  @Test
  void findsTheClassNamedNameSimulationInAnyPackage() {
    assertThat(SimulationFinder.resolve("Smoke", SIMULATIONS)).isEqualTo(SMOKE);
    assertThat(SimulationFinder.resolve("YourService", SIMULATIONS)).isEqualTo(YOUR_SERVICE);
    assertThat(SimulationFinder.resolve("Checkout", SIMULATIONS)).isEqualTo("com.acme.CheckoutSimulation");
  }

  @Test
  void findsAClassByItsSimpleNameToo() {
    assertThat(SimulationFinder.resolve("CheckoutSimulation", SIMULATIONS)).isEqualTo("com.acme.CheckoutSimulation");
    assertThat(SimulationFinder.resolve("Browse", SIMULATIONS)).isEqualTo("com.acme.Browse");
  }

  @Test
  void takesAFullClassNameAsItIs() {
    assertThat(SimulationFinder.resolve(YOUR_SERVICE, SIMULATIONS)).isEqualTo(YOUR_SERVICE);
  }

  @Test
  void anUnknownNameStopsWithEverySimulationThereIs() {
    assertThatThrownBy(() -> SimulationFinder.resolve("Nope", SIMULATIONS))
        .isInstanceOf(UnknownSimulationException.class)
        .hasMessageStartingWith("Unknown simulation 'Nope'. Use -Dsimulation= with one of:")
        .hasMessageContaining("-Dsimulation=Smoke ").hasMessageContaining(SMOKE)
        .hasMessageContaining("-Dsimulation=Spike ").hasMessageContaining("-Dsimulation=Browse ")
        .hasMessageContaining("-Dsimulation=YourService ").hasMessageContaining(YOUR_SERVICE)
        .hasMessageContaining("-Dsimulation=Checkout ");
  }

  @Test
  void anUnknownFullNameIsUnknownToo() {
    assertThatThrownBy(() -> SimulationFinder.resolve("com.acme.SmokeSimulation", SIMULATIONS))
        .hasMessageStartingWith("Unknown simulation 'com.acme.SmokeSimulation'.");
  }

  @Test
  void aNameInTheWrongCaseIsPointedToTheRightOne() {
    assertThatThrownBy(() -> SimulationFinder.resolve("smoke", SIMULATIONS))
        .hasMessageStartingWith("Unknown simulation 'smoke'. Did you mean 'Smoke'?");
  }

  @Test
  void aShortNameTwoClassesShareListsBothAndAsksForTheFullName() {
    List<String> twoCheckouts = new ArrayList<>(SIMULATIONS);
    twoCheckouts.add("com.other.CheckoutSimulation");

    assertThatThrownBy(() -> SimulationFinder.resolve("Checkout", twoCheckouts))
        .isInstanceOf(UnknownSimulationException.class)
        .hasMessage("Simulation 'Checkout' is ambiguous: 2 classes match it:\n"
            + "  com.acme.CheckoutSimulation\n"
            + "  com.other.CheckoutSimulation\n"
            + "Give the full class name, e.g. -Dsimulation=com.acme.CheckoutSimulation");
    assertThat(SimulationFinder.resolve("com.other.CheckoutSimulation", twoCheckouts))
        .isEqualTo("com.other.CheckoutSimulation");
  }

  @Test
  void theListOfNamesGivesTheFullNameWhereTheShortOneIsShared() {
    List<String> twoCheckouts = new ArrayList<>(SIMULATIONS);
    twoCheckouts.add("com.other.CheckoutSimulation");

    assertThatThrownBy(() -> SimulationFinder.resolve("Nope", twoCheckouts))
        .hasMessageContaining("-Dsimulation=com.other.CheckoutSimulation com.other.CheckoutSimulation")
        .hasMessageNotContaining("-Dsimulation=Checkout ");
  }

  @Test
  void aClassNamedBothWaysIsAmbiguous() {
    List<String> both = List.of("com.acme.Checkout", "com.acme.CheckoutSimulation");

    assertThatThrownBy(() -> SimulationFinder.resolve("Checkout", both)).hasMessageContaining("is ambiguous");
  }

  @Test
  void somethingThatIsNoClassNameIsRefusedWithTheList() {
    assertThatThrownBy(() -> SimulationFinder.resolve("", SIMULATIONS))
        .hasMessageStartingWith("-Dsimulation='' is not a class name. Use -Dsimulation= with one of:");
    assertThatThrownBy(() -> SimulationFinder.resolve("*", SIMULATIONS))
        .hasMessageStartingWith("-Dsimulation='*' is not a class name.");
  }

  @Test
  void noSimulationAtAllSaysTheTestsMayNotBeCompiled() {
    assertThatThrownBy(() -> SimulationFinder.resolve("Smoke", List.of()))
        .hasMessageContaining("No simulation classes were found");
  }

  @Test
  void theScanFindsTheSuitesConcreteSimulationsInEveryPackage() {
    List<String> found = SimulationFinder.scan(List.of(Path.of("target/test-classes")),
        SimulationFinderTest.class.getClassLoader());

    assertThat(found).contains(SMOKE, YOUR_SERVICE, "dev.loadbearing.suite.simulations.BreakingPointSimulation")
        .doesNotContain(ProfileSimulation.class.getName(), "dev.loadbearing.suite.simulations.SlaBreachIT")
        .isSorted();
  }

  @Test
  void findLooksInTheClassFoldersOfThisJvm() {
    assertThat(SimulationFinder.find("Smoke")).isEqualTo(SmokeSimulation.class.getName());
    assertThat(SimulationFinder.find("YourService")).isEqualTo(YourServiceSimulation.class.getName());
  }

  @Test
  void mavensCheckFailsTheBuildOnAnUnknownNameAndPassesQuietlyOnAKnownOne() {
    assertThatThrownBy(() -> SimulationFinder.main(new String[] {"target/test-classes", "Nope"}))
        .isInstanceOf(UnknownSimulationException.class).hasMessageStartingWith("Unknown simulation 'Nope'.");
    assertThatThrownBy(() -> SimulationFinder.main(new String[] {"target/test-classes"}))
        .hasMessageStartingWith("-Dsimulation='' is not a class name.");
    SimulationFinder.main(new String[] {"target/test-classes", "Smoke"});
  }

  @Test
  void mavensCheckHasNothingToSayWhenTheTestsWereNotCompiled(@TempDir Path empty) {
    SimulationFinder.main(new String[] {empty.resolve("test-classes").toString(), "Smoke"});
  }

  /**
   * Maven runs what gatling-maven-plugin selects with the {@code <includes>} in pom.xml, after the finder has
   * checked the name: both must pick the same classes. (The plugin matches with plexus SelectorUtils, where
   * {@code *} is any run of characters.) A partly qualified name the patterns would accept never gets there: the
   * finder stops it first.
   */
  @Test
  void thePluginsIncludesPickWhatTheFinderPicks() throws IOException {
    List<String> includes = gatlingIncludes();
    assertThat(includes).isNotEmpty();
    List<String> classes = new ArrayList<>(SIMULATIONS);
    classes.addAll(List.of("com.other.CheckoutSimulation", "com.acme.Checkout", "SmokeSimulation",
        "com.acme.SmokeSimulationSimulation", "com.acme.MySmokeSimulation"));

    for (String name : List.of("Smoke", "Spike", "YourService", "Checkout", "CheckoutSimulation", "Browse", "Nope",
        SMOKE, YOUR_SERVICE, "com.other.CheckoutSimulation", "SmokeSimulation")) {
      List<String> byPlugin = classes.stream().filter(c -> includes.stream()
          .anyMatch(include -> glob(include.replace("${simulation}", name)).matcher(c).matches()))
          .sorted().toList();
      assertThat(byPlugin).as("classes the plugin's includes pick for -Dsimulation=%s", name)
          .isEqualTo(SimulationFinder.matches(name, classes));
    }
  }

  private static List<String> gatlingIncludes() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String plugin = pom.substring(pom.indexOf("<artifactId>gatling-maven-plugin</artifactId>"));
    String block = plugin.substring(plugin.indexOf("<includes>"), plugin.indexOf("</includes>"));
    List<String> includes = new ArrayList<>();
    Matcher include = Pattern.compile("<include>([^<]+)</include>").matcher(block);
    while (include.find()) {
      includes.add(include.group(1));
    }
    return includes;
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(pattern.chars().mapToObj(c -> switch (c) {
      case '*' -> ".*";
      case '?' -> ".";
      default -> Pattern.quote(String.valueOf((char) c));
    }).collect(Collectors.joining()));
  }
}
