package dev.loadbearing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadbearing.lifecycle.Leftovers;
import dev.loadbearing.lifecycle.PidRegistry;
import dev.loadbearing.lifecycle.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No run outlives its build, however it is stopped. Each case starts a real
 * {@code mvn gatling:test -Dsimulation=Load -DtimeScale=0.2} in a process group of its own (as a terminal or a
 * CI runner does), waits until load flows, sends one real signal, and times how long until the Gatling JVM,
 * the reference service and every PostgreSQL process are gone. The times are printed; the bounds are the
 * issue's (load stops within 2 s, nothing left after 10 s) with a second of slack for a busy 2-core machine.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StoppingARunIT {
  private static final Duration LOAD_STOPS = Duration.ofSeconds(3);
  private static final Duration NOTHING_LEFT = Duration.ofSeconds(10);
  private static final Duration LOAD_FLOWS = Duration.ofMinutes(3);
  private static final Path LOGS = Path.of("target", "stopping-a-run");
  private static final Path RESULTS = Path.of("target", "gatling");
  private static Path mvn;

  private Build build;

  @BeforeAll
  static void needsMavenAndProcessGroups() {
    assumeTrue(Files.exists(Path.of("/proc/self/stat")), "skipped: needs Linux /proc to find and time the processes");
    assumeTrue(onPath("setsid").isPresent(), "skipped: needs setsid (util-linux) to give each run its own group");
    assumeTrue(onPath("kill").isPresent(), "skipped: needs kill(1) to send signals to a process group");
    mvn = onPath("mvn").orElse(null);
    assumeTrue(mvn != null, "skipped: needs mvn on the PATH to start real runs");
  }

  @AfterEach
  void leaveNothingBehind() throws IOException {
    if (build != null) {
      build.killEverything();
    }
  }

  @Test
  void sigkillToMavenStopsTheLoadWithinTwoSecondsAndLeavesNothing() throws Exception {
    build = Build.start("sigkill-maven");
    Run run = build.awaitLoad();

    Gone gone = run.after("SIGKILL to the Maven JVM", "KILL", Long.toString(run.maven.pid()));

    gone.assertLoadStoppedAndNothingLeft();
    assertThat(build.log()).contains("the build that started this run (pid " + run.maven.pid() + ") is gone");
  }

  @Test
  void sigtermToMavenStopsTheLoadAndLeavesNothing() throws Exception {
    build = Build.start("sigterm-maven");
    Run run = build.awaitLoad();

    Gone gone = run.after("SIGTERM to the Maven JVM", "TERM", Long.toString(run.maven.pid()));

    gone.assertLoadStoppedAndNothingLeft();
  }

  @Test
  void ctrlCToTheProcessGroupLeavesNothing() throws Exception {
    build = Build.start("ctrl-c");
    Run run = build.awaitLoad();

    Gone gone = run.after("SIGINT to the process group (Ctrl-C)", "INT", "-" + run.maven.pid());

    gone.assertLoadStoppedAndNothingLeft();
  }

  @Test
  void sigkillToTheProcessGroupLeavesOnlyADataFolderThatTheNextRunRemoves() throws Exception {
    build = Build.start("sigkill-group");
    Run run = build.awaitLoad();

    Gone gone = run.after("SIGKILL to the process group", "KILL", "-" + run.maven.pid());

    gone.assertNothingRunsAfter(NOTHING_LEFT);
    assertThat(run.dataFolder).as("nobody was left to remove it").exists();
    // What RunGuard.begin() does when the next run starts.
    Optional<String> cleaned = Leftovers.clean(PidRegistry.standard());
    assertThat(cleaned).hasValueSatisfying(line -> assertThat(line)
        .startsWith("Loadbearing: cleaned up after an earlier run that was killed")
        .contains(run.dataFolder.getFileName().toString()));
    assertThat(run.dataFolder).doesNotExist();
    System.out.println("StoppingARunIT: the next run said: " + cleaned.get());
  }

  @Test
  void sigkillToTheServiceFailsTheRunClearlyAndStopsItsDatabase() throws Exception {
    build = Build.start("sigkill-service");
    Run run = build.awaitLoad();

    Gone gone = run.after("SIGKILL to the service JVM alone", "KILL", Long.toString(run.service.pid()));

    gone.assertNothingRunsAfter(NOTHING_LEFT);
    assertThat(run.dataFolder).doesNotExist();
    assertThat(build.maven.waitFor(10, TimeUnit.SECONDS)).as("Maven ended").isTrue();
    assertThat(build.maven.exitValue()).as("Maven's exit code").isNotZero();
    assertThat(build.log())
        .contains("The reference service (pid " + run.service.pid() + ") stopped during the run with exit code 137 "
            + "(killed by SIGKILL)")
        .contains("stopping the run; it failed because its target is gone")
        .contains("BUILD FAILURE");
  }

  /** One {@code mvn gatling:test}, in a session (so a process group) of its own, its output in a file. */
  private static final class Build {
    private final String name;
    private final Process maven;
    private final Path log;
    private final Set<Path> runsBefore;

    private Build(String name, Process maven, Path log, Set<Path> runsBefore) {
      this.name = name;
      this.maven = maven;
      this.log = log;
      this.runsBefore = runsBefore;
    }

    static Build start(String name) throws IOException {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(name + ".log");
      Set<Path> runsBefore = loadRuns();
      // setsid execs mvn in a new session; mvn execs java: one pid, the group's leader, as in a terminal.
      // perl in between only restores SIGINT's default action: a build started in the background of a script
      // (`.ci/run &`) inherits SIGINT ignored, and a JVM started so never sees Ctrl-C; a terminal's does.
      Process maven = new ProcessBuilder("setsid", "perl", "-e",
          "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"cannot run @ARGV: $!\"", mvn.toString(), "-B",
          "gatling:test", "-Dsimulation=Load", "-DtimeScale=0.2").redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(new File("/dev/null")).start();
      return new Build(name, maven, log, runsBefore);
    }

    /** Waits until the run sends load, and names its processes. */
    Run awaitLoad() throws Exception {
      long deadline = System.nanoTime() + LOAD_FLOWS.toNanos();
      while (System.nanoTime() < deadline) {
        if (!maven.isAlive()) {
          throw new AssertionError(name + ": Maven ended before load flowed. Its output:\n" + tail());
        }
        if (log().contains("Simulation dev.loadbearing.suite.simulations.LoadSimulation started")) {
          Run run = new Run(maven.toHandle(), newRun());
          run.awaitRecords();
          return run;
        }
        Thread.sleep(200);
      }
      throw new AssertionError(name + ": no load within " + LOAD_FLOWS.toSeconds() + " s. Output:\n" + tail());
    }

    String log() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    private String tail() throws IOException {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private Path newRun() throws IOException {
      return loadRuns().stream().filter(run -> !runsBefore.contains(run)).findFirst()
          .orElseThrow(() -> new AssertionError(name + ": no new run folder under " + RESULTS));
    }

    /** Whatever the case left (it should be nothing): the group, stray processes, data folders, run folders. */
    void killEverything() throws IOException {
      if (maven.toHandle().isAlive() || ProcessHandle.allProcesses().anyMatch(this::inGroup)) {
        signal("KILL", "-" + maven.pid());
      }
      maven.destroyForcibly();
      Leftovers.clean(PidRegistry.standard());
      for (Path run : loadRuns()) {
        if (!runsBefore.contains(run)) {
          Leftovers.deleteTree(run);
        }
      }
    }

    private boolean inGroup(ProcessHandle process) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]) == maven.pid();
      } catch (IOException | RuntimeException gone) {
        return false;
      }
    }

    private static Set<Path> loadRuns() throws IOException {
      if (!Files.isDirectory(RESULTS)) {
        return Set.of();
      }
      try (Stream<Path> runs = Files.list(RESULTS)) {
        return runs.filter(p -> p.getFileName().toString().startsWith("loadsimulation-")).collect(Collectors.toSet());
      }
    }
  }

  /** The processes of one run while it sends load. */
  private static final class Run {
    private final ProcessHandle maven;
    private final ProcessHandle gatling;
    private final ProcessHandle service;
    private final List<ProcessHandle> postgres;
    private final List<ProcessHandle> all;
    private final Path dataFolder;
    private final Path simulationLog;

    Run(ProcessHandle maven, Path runFolder) {
      this.maven = maven;
      this.all = Stream.concat(Stream.of(maven), maven.descendants()).toList();
      this.gatling = maven.children().filter(p -> commandLine(p).contains("io.gatling")).findFirst()
          .orElseThrow(() -> new AssertionError("no Gatling JVM under Maven: " + describe(all)));
      this.service = all.stream().filter(p -> commandLine(p).contains("dev.loadbearing.service.ServiceMain"))
          .findFirst().orElseThrow(() -> new AssertionError("no reference service: " + describe(all)));
      this.postgres = all.stream().filter(p -> p.info().command().orElse("").endsWith("/bin/postgres")).toList();
      assertThat(postgres).as("PostgreSQL processes under the run: " + describe(all)).isNotEmpty();
      this.dataFolder = Path.of(argumentAfter(commandLine(postgres.get(0)), "-D"));
      this.simulationLog = runFolder.resolve("simulation.log");
    }

    /** Sends the signal, then times each part's end (a zombie counts as ended: it runs nothing). */
    Gone after(String what, String signal, String target) throws Exception {
      List<List<ProcessHandle>> parts = List.of(List.of(gatling), List.of(service), postgres, all);
      long[] goneAfter = {-1, -1, -1, -1};
      long sent = System.nanoTime();
      signal(signal, target);
      long deadline = sent + Duration.ofSeconds(30).toNanos();
      while (Arrays.stream(goneAfter).anyMatch(ms -> ms < 0) && System.nanoTime() < deadline) {
        long now = (System.nanoTime() - sent) / 1_000_000;
        List<Boolean> running = parts.stream().map(part -> part.stream().anyMatch(Processes::isRunning)).toList();
        for (int i = 0; i < parts.size(); i++) {
          if (goneAfter[i] < 0 && !running.get(i)) {
            goneAfter[i] = now;
          }
        }
        Thread.sleep(20);
      }
      long logAtEnd = size(simulationLog);
      Thread.sleep(2_000);
      Gone gone = new Gone(this, goneAfter[0], goneAfter[1], goneAfter[2], goneAfter[3], logAtEnd,
          size(simulationLog));
      System.out.printf("StoppingARunIT: %s: Gatling JVM gone after %d ms, service %d ms, PostgreSQL (%d processes)"
              + " %d ms, all %d processes %d ms; simulation.log %d bytes, 2 s later %d%n", what, gone.gatling,
          gone.service, postgres.size(), gone.postgres, all.size(), gone.all, logAtEnd, gone.logLater);
      return gone;
    }

    /**
     * Waits until Gatling has written requests to simulation.log (it buffers them for a few seconds), so that
     * there is load to stop and a file whose growth can be watched.
     */
    void awaitRecords() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (size(simulationLog) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(size(simulationLog)).as("bytes in " + simulationLog + " 20 s into the run").isPositive();
    }

    private static long size(Path file) throws IOException {
      return Files.exists(file) ? Files.size(file) : 0;
    }
  }

  /** How long each part took to end after the signal, in ms (-1: still running after 30 s). */
  private record Gone(Run run, long gatling, long service, long postgres, long all, long logAtEnd, long logLater) {

    void assertLoadStoppedAndNothingLeft() {
      assertThat(gatling).as("ms until the Gatling JVM (the load) was gone").isBetween(0L, LOAD_STOPS.toMillis());
      assertThat(logLater).as("simulation.log after the Gatling JVM was gone").isEqualTo(logAtEnd);
      assertNothingRunsAfter(NOTHING_LEFT);
      assertThat(run.dataFolder).as("the run's PostgreSQL data folder").doesNotExist();
    }

    void assertNothingRunsAfter(Duration bound) {
      assertThat(all).as("ms until the last of the run's processes was gone: " + describe(run.all.stream()
          .filter(Processes::isRunning).toList())).isBetween(0L, bound.toMillis());
    }
  }

  private static void signal(String signal, String target) throws IOException {
    try {
      new ProcessBuilder("kill", "-s", signal, "--", target).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private static String argumentAfter(String commandLine, String flag) {
    List<String> words = Arrays.asList(commandLine.split(" "));
    int at = words.indexOf(flag);
    assertThat(at).as(flag + " in " + commandLine).isNotNegative();
    return words.get(at + 1);
  }

  private static String describe(List<ProcessHandle> processes) {
    List<String> lines = new ArrayList<>();
    for (ProcessHandle process : processes) {
      String command = commandLine(process);
      lines.add(process.pid() + " " + command.substring(0, Math.min(120, command.length())));
    }
    return lines.isEmpty() ? "none" : "\n  " + String.join("\n  ", lines);
  }

  private static Optional<Path> onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
  }
}
