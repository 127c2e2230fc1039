package dev.loadbearing.suite;

import dev.loadbearing.suite.support.SimulationFinder;
import dev.loadbearing.suite.support.UnknownSimulationException;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a simulation from your IDE as {@code mvn gatling:test} runs it: right-click this file, then Run. Same
 * simulations, config and target: the reference service is started and stopped, or {@code -DbaseUrl} is probed
 * first; the report and stats.json land in target/gatling.
 *
 * <p>Which simulation: the program argument ({@code Spike}, {@code YourService}, a full class name), else
 * {@code -Dsimulation=} among the VM options, else Smoke; the name is found by the same rule as with Maven. Other
 * settings go in the VM options as with Maven: {@code -DtimeScale=0.05 -DbaseUrl=http://127.0.0.1:8080}. The
 * working directory must be the project folder (the IDEs' default). README: "Running from your IDE".
 */
public final class IdeLauncher {
  static final String RESULTS = "target/gatling";
  /** The options gatling-maven-plugin 4.21.12 gives the JVM it forks for Gatling (on Java 17 to 23). */
  static final List<String> GATLING_JVM_OPTIONS = List.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:MaxInlineLevel=20",
      "-XX:MaxTrivialSize=12", "-Xmx1G", "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
  /** Set on the JVM this launcher starts: the pid of the launcher, whose end stops the run. */
  private static final String PARENT = "ideLauncher.parent";

  private IdeLauncher() {
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(Path.of(""), args, System.out, System.err));
  }

  /** Returns Gatling's exit code (0 passed, 2 an SLA failed), or 2 before any load for a bad name or folder. */
  static int run(Path workingDirectory, String[] args, PrintStream out, PrintStream err) throws Exception {
    if (!Files.isRegularFile(workingDirectory.resolve("pom.xml"))) {
      err.println("IdeLauncher must run in the project folder, the one with pom.xml; it runs in "
          + workingDirectory.toAbsolutePath() + ". Set the run configuration's working directory.");
      return 2;
    }
    String simulation;
    try {
      simulation = SimulationFinder.find(args.length > 0 ? args[0] : System.getProperty("simulation", "Smoke"));
    } catch (UnknownSimulationException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (!Object.class.getModule().isOpen("java.lang", IdeLauncher.class.getModule())) {
      // Gatling reads String internals, which a JVM started without its options refuses (an IDE's default).
      return inGatlingJvm(simulation, out);
    }
    stopWhenTheLauncherEnds();
    out.println("IdeLauncher: running " + simulation);
    return Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation, "-rf", RESULTS});
  }

  /** Runs the simulation in a JVM with the options Maven's plugin gives Gatling, and this JVM's -D and -X. */
  private static int inGatlingJvm(String simulation, PrintStream out) throws IOException, InterruptedException {
    List<String> ours = ManagementFactory.getRuntimeMXBean().getInputArguments();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(GATLING_JVM_OPTIONS);
    // Last, so that they win over the defaults above, as with the plugin's <jvmArgs>.
    ours.stream().filter(option -> option.startsWith("-D") || option.startsWith("-X")).forEach(command::add);
    command.addAll(List.of("-D" + PARENT + "=" + ProcessHandle.current().pid(),
        "-cp", System.getProperty("java.class.path"), IdeLauncher.class.getName(), simulation));
    if (ours.stream().anyMatch(option -> option.startsWith("-agentlib:jdwp"))) {
      out.println("IdeLauncher: debugging? Breakpoints stop only in this JVM; add the VM option "
          + "--add-opens=java.base/java.lang=ALL-UNNAMED and the simulation runs here.");
    }
    out.println("IdeLauncher: running " + simulation + " in a JVM with Gatling's options (as Maven does)");
    Process gatling = new ProcessBuilder(command).inheritIO().start();
    // The IDE's Stop ends this JVM: end the run too, and let it stop the reference service it started.
    Thread stop = new Thread(() -> {
      gatling.destroy();
      try {
        if (!gatling.waitFor(30, TimeUnit.SECONDS)) {
          gatling.destroyForcibly();
        }
      } catch (InterruptedException e) {
        gatling.destroyForcibly();
      }
    });
    Runtime.getRuntime().addShutdownHook(stop);
    int exitCode = gatling.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException shuttingDown) {
      // Stopped from outside: the hook is already ending the run.
    }
    return exitCode;
  }

  /** In the JVM {@link #inGatlingJvm} started: if the launcher is killed outright, stop rather than load on. */
  private static void stopWhenTheLauncherEnds() {
    String parent = System.getProperty(PARENT);
    if (parent != null) {
      ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
          launcher -> launcher.onExit().thenRun(() -> {
            System.err.println("IdeLauncher: the launcher ended; stopping the run");
            System.exit(1);
          }),
          () -> System.exit(1));
    }
  }
}
