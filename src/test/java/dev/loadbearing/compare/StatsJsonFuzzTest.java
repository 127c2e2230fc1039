package dev.loadbearing.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadbearing.compare.Check.Verdict;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real stats.json files (every baseline, and the comparator's fixtures) with one field deleted, nulled or
 * given another type, and byte-level corruption: every mutant either loads or is refused with an
 * {@link InputException} naming the file and the JSON path of the field it changed; a mutant that loads never
 * changes a verdict (a missing number read as 0 would). Fixed seeds.
 */
class StatsJsonFuzzTest {
  private static final ObjectMapper MAPPER = StatsExporter.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Path FIXTURES = Path.of("src/test/resources/compare");
  /** Objects whose children are keyed by data (a status code, a series name), written ["key"] in messages. */
  private static final Set<String> MAPS = Set.of("statusCounts", "series", "journeys", "providers", "parameters");
  private static final Tolerances TOLERANCES = Tolerances.load(Map.of());
  private static final Map<Path, StatsReport> CLEAN = new HashMap<>();
  private static final Map<Path, List<Long>> SAME = new HashMap<>();

  @TempDir
  Path dir;

  /**
   * One node of the tree: its path as StatsShape writes it ({@code requests[3].p95}), the steps from the root
   * to its parent (field names, {@code #i} for array elements), its field name or array index in the parent.
   */
  private record Site(List<String> parentSteps, String field, int index, String path, JsonNode node) {
  }

  /** One way to break a node; returns null when it does not apply to that node. */
  private record Mutation(String name, Function<JsonNode, JsonNode> replacement) {
  }

  private static final JsonNode DELETE = NODES.missingNode();

  private static final List<Mutation> MUTATIONS = List.of(
      new Mutation("deleted", n -> DELETE),
      new Mutation("null", n -> NODES.nullNode()),
      new Mutation("\"NaN\"", n -> n.isNumber() ? NODES.textNode("NaN") : null),
      new Mutation("number as string", n -> n.isNumber() ? NODES.textNode(n.asText()) : null),
      new Mutation("Infinity", n -> n.isNumber() ? NODES.numberNode(Double.POSITIVE_INFINITY) : null),
      new Mutation("1.5", n -> n.isIntegralNumber() ? NODES.numberNode(1.5) : null),
      new Mutation("true", n -> n.isBoolean() ? null : NODES.booleanNode(true)),
      new Mutation("[]", n -> n.isArray() ? null : NODES.arrayNode()),
      new Mutation("{}", n -> n.isObject() ? null : NODES.objectNode()),
      new Mutation("[null] appended", n -> n.isArray() ? ((ArrayNode) n.deepCopy()).addNull() : null));

  private static List<Path> realFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> baselines = Files.list(Path.of("baselines"))) {
      baselines.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    for (String f : List.of("baseline.json", "server-baseline.json", "sla-broken.json")) {
      files.add(FIXTURES.resolve(f));
    }
    return files;
  }

  @Test
  void everyRealFileLoadsAsItIs() throws Exception {
    for (Path file : realFiles()) {
      assertThat(StatsFiles.load(file).requests()).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void everyStructuralMutationOfTheSmallFixturesLoadsHarmlesslyOrIsRefusedNamingTheField() throws Exception {
    int cases = 0;
    for (String fixture : List.of("baseline.json", "server-baseline.json")) {
      Path file = FIXTURES.resolve(fixture);
      JsonNode original = MAPPER.readTree(file.toFile());
      for (Site site : sites(original)) {
        for (Mutation m : MUTATIONS) {
          cases += check(file, original, site, m) ? 1 : 0;
        }
      }
    }
    assertThat(cases).isGreaterThan(1000);
  }

  @Test
  void randomStructuralMutationsOfEveryBaselineLoadHarmlesslyOrAreRefusedNamingTheField() throws Exception {
    Random random = new Random(20261130L);
    int cases = 0;
    for (Path file : realFiles()) {
      JsonNode original = MAPPER.readTree(file.toFile());
      List<Site> sites = sites(original);
      for (int i = 0; i < 60; i++) {
        Site site = sites.get(random.nextInt(sites.size()));
        cases += check(file, original, site, MUTATIONS.get(random.nextInt(MUTATIONS.size()))) ? 1 : 0;
      }
    }
    assertThat(cases).isGreaterThan(500);
  }

  @Test
  void byteLevelCorruptionOfARealBaselineLoadsOrIsRefusedWithInputException() throws Exception {
    byte[] clean = Files.readAllBytes(Path.of("baselines/Load.json"));
    Random random = new Random(7L);
    Path file = dir.resolve("Load.json");
    int refused = 0;
    for (int i = 0; i < 400; i++) {
      byte[] b;
      int at = random.nextInt(clean.length);
      String what;
      switch (random.nextInt(3)) {
        case 0 -> {
          b = Arrays.copyOf(clean, at);
          what = "truncated at " + at;
        }
        case 1 -> {
          b = clean.clone();
          b[at] = (byte) random.nextInt(256);
          what = "byte " + at + " replaced";
        }
        default -> {
          b = clean.clone();
          b[at] ^= (byte) (1 << random.nextInt(8));
          what = "bit flip at " + at;
        }
      }
      Files.write(file, b);
      try {
        StatsFiles.load(file);
      } catch (InputException e) {
        refused++;
        assertThat(e.getMessage()).as(what).startsWith(file + ": ").doesNotContain("\n");
      } catch (RuntimeException | Error e) {
        fail(what + " threw " + e, e);
      }
    }
    assertThat(refused).isGreaterThan(100);
  }

  /**
   * Writes the mutant and loads it. Refused: the message names the file and the path. Loaded: comparing it
   * with the original (both ways) gives the same verdict counts as the original with itself. False when the
   * mutation does not apply to the node.
   */
  private boolean check(Path file, JsonNode original, Site site, Mutation m) throws Exception {
    JsonNode replacement = m.replacement().apply(site.node());
    if (replacement == null) {
      return false;
    }
    JsonNode mutant = original.deepCopy();
    JsonNode parent = mutant;
    for (String step : site.parentSteps()) {
      parent = step.startsWith("#") ? parent.get(Integer.parseInt(step.substring(1))) : parent.get(step);
    }
    if (parent instanceof ObjectNode o) {
      if (replacement == DELETE) {
        o.remove(site.field());
      } else {
        o.set(site.field(), replacement);
      }
    } else {
      ArrayNode a = (ArrayNode) parent;
      if (replacement == DELETE) {
        a.remove(site.index());
      } else {
        a.set(site.index(), replacement);
      }
    }
    Path written = dir.resolve(file.getFileName());
    MAPPER.writeValue(written.toFile(), mutant);
    String what = file.getFileName() + " " + site.path() + " " + m.name();
    StatsReport loaded;
    try {
      loaded = StatsFiles.load(written);
    } catch (InputException e) {
      assertThat(e.getMessage()).as(what).startsWith(written + ": ").contains(site.path()).doesNotContain("\n");
      return true;
    } catch (RuntimeException | Error e) {
      fail(what + " threw " + e, e);
      return true;
    }
    if (replacement == DELETE && site.index() >= 0) {
      // One row or SLA fewer is a valid file: it says "missing now", or judges one SLA fewer.
      return true;
    }
    StatsReport clean = CLEAN.computeIfAbsent(file, StatsFiles::load);
    List<Long> same = SAME.computeIfAbsent(file, f -> verdicts(clean, clean));
    String as = what + " loaded, and changed a verdict";
    assertThat(verdicts(clean, loaded)).as(as).isEqualTo(same);
    assertThat(verdicts(loaded, clean)).as(as).isEqualTo(same);
    return true;
  }

  /** How many checks regressed, improved or broke an SLA. */
  private static List<Long> verdicts(StatsReport baseline, StatsReport current) {
    Comparison c = Comparison.of(baseline, "a", current, "b", TOLERANCES);
    return List.of(c.count(Verdict.REGRESSION), c.count(Verdict.IMPROVEMENT), c.count(Verdict.SLA_BROKEN),
        (long) c.failures().size());
  }

  /** Every node but the root, depth first, with the path StatsShape names it by. */
  private static List<Site> sites(JsonNode root) {
    List<Site> out = new ArrayList<>();
    walk(root, "", List.of(), out);
    return out;
  }

  private static void walk(JsonNode node, String path, List<String> steps, List<Site> out) {
    String name = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
    boolean map = MAPS.contains(name);
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = map ? path + "[\"" + e.getKey() + "\"]" : path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        out.add(new Site(steps, e.getKey(), -1, child, e.getValue()));
        List<String> next = new ArrayList<>(steps);
        next.add(e.getKey());
        walk(e.getValue(), child, next, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String child = path + "[" + i + "]";
        out.add(new Site(steps, null, i, child, node.get(i)));
        List<String> next = new ArrayList<>(steps);
        next.add("#" + i);
        walk(node.get(i), child, next, out);
      }
    }
  }
}
