package dev.loadbearing.stats;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.loadbearing.stats.SimulationLogReader.RunHeader;
import dev.loadbearing.stats.StatsReport.Machine;
import dev.loadbearing.stats.StatsReport.Row;
import dev.loadbearing.stats.StatsReport.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Turns one Gatling run folder (its simulation.log plus the run manifest, if any) into stats.json. */
public final class StatsExporter {
  public static final String FILE_NAME = "stats.json";
  /** How long before the log's run start a manifest's startedAt may be and still be the same run. */
  static final long MANIFEST_SLACK_MS = 10 * 60_000L;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatsExporter() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Computes the stats of a run folder; {@code manifest} may be null (status counts become "unknown"). */
  public static StatsReport compute(Path runFolder, RunManifest manifest) {
    Path log = runFolder.resolve("simulation.log");
    if (!Files.isRegularFile(log)) {
      throw new SimulationLogException(log, 0, "no such file: is " + runFolder + " a Gatling run folder?");
    }
    StatsCalculator calculator = new StatsCalculator();
    RunHeader header = SimulationLogReader.read(log, calculator);
    return build(runFolder, header, calculator, manifest, Environment.current());
  }

  /** Computes and writes {@code stats.json} into the run folder, finding the manifest by itself. */
  public static Path export(Path runFolder) {
    return export(runFolder, RunManifest.DIRECTORY);
  }

  /** As {@link #export(Path)}, looking for the run manifest in {@code manifests}. */
  public static Path export(Path runFolder, Path manifests) {
    RunHeader header = SimulationLogReader.readHeader(runFolder.resolve("simulation.log"));
    RunManifest manifest = RunFolders.findManifest(manifests, header.simulationClass(), header.start());
    return write(runFolder.resolve(FILE_NAME), compute(runFolder, manifest));
  }

  /**
   * As {@link #export(Path)}, with the manifest the run wrote; a run that ended before writing one (killed,
   * failed at start-up) still gets its stats, with status counts "unknown".
   */
  public static Path exportWith(Path runFolder, Path manifest) {
    return write(runFolder.resolve(FILE_NAME), compute(runFolder, Files.isRegularFile(manifest)
        ? RunManifest.read(manifest) : null));
  }

  static StatsReport build(Path runFolder, RunHeader header, StatsCalculator calc, RunManifest manifest,
                           Environment env) {
    int seconds = calc.durationSeconds();
    Map<String, Map<Integer, Long>> statuses = manifest == null ? null : manifest.statusCounts();
    Row global = row("global", "All Requests", List.of(), "All Requests", calc.global(), seconds,
        statuses == null ? "unknown" : total(statuses));
    List<Row> groups = new ArrayList<>();
    calc.groups().forEach((path, d) -> groups.add(row("group", String.join(" / ", path),
        path.subList(0, path.size() - 1), path.get(path.size() - 1), d, seconds, null)));
    List<Row> requests = new ArrayList<>();
    calc.requests().forEach((key, d) -> {
      List<String> keyParts = new ArrayList<>(key.groups());
      keyParts.add(key.name());
      Object counts = statuses == null ? "unknown" : text(statuses.getOrDefault(key.name(), Map.of()));
      requests.add(row("request", String.join(" / ", keyParts), key.groups(), key.name(), d, seconds, counts));
    });
    long start = header.start() + calc.injectStart();
    long end = header.start() + calc.injectEnd();
    String simple = header.simulationClass().substring(header.simulationClass().lastIndexOf('.') + 1);
    RunInfo run = new RunInfo(simple.replaceFirst("Simulation$", ""), header.simulationClass(), header.gatlingVersion(),
        runFolder.getFileName().toString(), start, end, end - start, seconds,
        manifest == null ? null : manifest.parameters(), manifest == null ? null : manifest.target(),
        env.gitCommit(), env.machine(), env.injector(), manifest != null);
    LlmUsage llm = manifest == null || manifest.llm() == null ? null : manifest.llm().over(calc.virtualUserMillis());
    return new StatsReport(run, global, groups, requests,
        SlaEvaluator.evaluate(manifest == null ? List.of() : manifest.slas(), global, groups, requests)).withLlm(llm)
        .withChaos(manifest == null ? null : manifest.chaos());
  }

  private static Row row(String kind, String key, List<String> groups, String name, Distribution d, int seconds,
                         Object statusCounts) {
    double koPercent = d.count() == 0 ? 0 : 100.0 * d.koCount() / d.count();
    return new Row(kind, key, groups, name, d.count(), d.okCount(), d.koCount(), koPercent, d.min(), d.mean(),
        d.stdDev(), d.max(), d.percentile(50), d.percentile(75), d.percentile(90), d.percentile(95),
        d.percentile(99), d.percentile(99.9), (double) d.count() / seconds, statusCounts,
        Distribution.encode(d.histogram()));
  }

  private static Map<String, Long> total(Map<String, Map<Integer, Long>> statuses) {
    Map<Integer, Long> sum = new TreeMap<>();
    statuses.values().forEach(m -> m.forEach((code, n) -> sum.merge(code, n, Long::sum)));
    return text(sum);
  }

  private static Map<String, Long> text(Map<Integer, Long> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((code, n) -> out.put(String.valueOf(code), n));
    return out;
  }

  /** Writes atomically: a temporary file in the same folder, then a rename over the target. */
  public static Path write(Path file, StatsReport report) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Not Files.createTempFile: that makes the file owner-only (0600), and CI must be able to read stats.json.
      Path temporary = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      ObjectWriter writer = MAPPER.writer(printer);
      writer.writeValue(temporary.toFile(), report);
      return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Facts about where the run happened; an interface seam so tests can fix them. */
  public interface Environment {
    String gitCommit();

    Machine machine();

    String injector();

    static Environment current() {
      return new Environment() {
        @Override
        public String gitCommit() {
          return StatsExporter.gitCommit();
        }

        @Override
        public Machine machine() {
          return StatsExporter.machine();
        }

        @Override
        public String injector() {
          return host() + "-" + ProcessHandle.current().pid();
        }
      };
    }
  }

  static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!git.waitFor(5, TimeUnit.SECONDS)) {
        git.destroy();
        return null;
      }
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static Machine machine() {
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new Machine(Runtime.getRuntime().availableProcessors(), memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
  }

  static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
