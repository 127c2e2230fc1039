package dev.loadbearing.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loadbearing.lifecycle.PidRegistry.Entry;
import dev.loadbearing.lifecycle.PidRegistry.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next run stops what a killed run left, and nothing else; real processes ({@code sleep}) stand in. */
class LeftoversTest {
  /** An owner that is not running: a pid that exists, with a start time it never had. */
  private static final Owner GONE = new Owner(ProcessHandle.current().pid(), 1);

  @TempDir
  Path root;
  private PidRegistry registry;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void registryUnderTarget() {
    registry = new PidRegistry(root.resolve("pids"));
  }

  @AfterEach
  void stopSleepers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void stopsAProcessWhoseOwnerIsGoneAndRemovesItsDataFolder() throws Exception {
    ProcessHandle leftover = sleeper();
    Path data = dataFolder("pgdata-killed");
    registry.register(entry(leftover, GONE, data));

    String message = Leftovers.clean(registry).orElseThrow();

    assertThat(Processes.isRunning(leftover)).as("the leftover process").isFalse();
    assertThat(data).doesNotExist();
    assertThat(registry.entries()).isEmpty();
    assertThat(message).startsWith("Loadbearing: cleaned up after an earlier run that was killed:")
        .contains("stopped postgres (pid " + leftover.pid() + ")").contains("pgdata-killed").doesNotContain("\n");
  }

  @Test
  void neverTouchesAPidThatNowBelongsToAnotherProcess() throws Exception {
    ProcessHandle unrelated = sleeper();
    Entry recorded = entry(unrelated, GONE, null);
    // Same pid, but the process recorded then started a minute earlier: the pid was reused since.
    long aMinuteEarlier = recorded.started() - 60_000;
    registry.register(new Entry("service", recorded.pid(), aMinuteEarlier, recorded.command(), GONE, null));

    assertThat(Leftovers.clean(registry)).isEmpty();
    assertThat(Processes.isRunning(unrelated)).isTrue();
    assertThat(registry.entries()).as("the stale entry is dropped").isEmpty();
  }

  @Test
  void neverTouchesAPidThatNowRunsAnotherCommand() throws Exception {
    ProcessHandle unrelated = sleeper();
    Entry recorded = entry(unrelated, GONE, null);
    registry.register(new Entry("postgres", recorded.pid(), recorded.started(), "/usr/bin/postgres", GONE, null));

    Leftovers.clean(registry);

    assertThat(Processes.isRunning(unrelated)).isTrue();
  }

  @Test
  void leavesARunWhoseOwnerIsAliveAlone() throws Exception {
    ProcessHandle running = sleeper();
    Path data = dataFolder("pgdata-live");
    registry.register(entry(running, Owner.of(ProcessHandle.current()), data));

    assertThat(Leftovers.clean(registry)).isEmpty();
    assertThat(Processes.isRunning(running)).isTrue();
    assertThat(data).exists();
    assertThat(registry.entries()).hasSize(1);
  }

  @Test
  void removesADataFolderRegisteredBeforeItsServerStarted() throws Exception {
    Path data = dataFolder("pgdata-initdb");
    // initdb ran, the service was killed before the postmaster started: no pid yet, only the folder.
    registry.register(new Entry("postgres", 0, 0, "/bin/postgres", GONE, data.toString()));

    assertThat(Leftovers.clean(registry)).hasValueSatisfying(m -> assertThat(m).contains("removed"));
    assertThat(data).doesNotExist();
  }

  @Test
  void removesDataFoldersThatNoEntryClaims() throws Exception {
    Path orphan = dataFolder("pgdata-from-before");
    Path unrelated = Files.createDirectories(root.resolve("runs"));

    assertThat(Leftovers.clean(registry)).hasValueSatisfying(m -> assertThat(m).contains("pgdata-from-before"));
    assertThat(orphan).doesNotExist();
    assertThat(unrelated).exists();
  }

  @Test
  void saysNothingWhenNothingWasLeft() {
    assertThat(Leftovers.clean(registry)).isEmpty();
  }

  @Test
  void anEntryReadsBackAsItWasWrittenAndGoesWhenClosed() throws Exception {
    ProcessHandle process = sleeper();
    Entry entry = entry(process, Owner.of(ProcessHandle.current()), root.resolve("pgdata-x"));
    PidRegistry.Registration registration = registry.register(entry);

    assertThat(registry.entries()).singleElement().satisfies(s -> assertThat(s.entry()).contains(entry));
    assertThat(entry.liveProcess()).contains(process);
    registration.close();
    assertThat(registry.entries()).isEmpty();
  }

  @Test
  void theParentWatchCallsBackOnceTheParentIsNotTheOneItWatches() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    ParentWatch.watch(ParentWatch.currentParentPid() + 100_000, "test-watch", called::countDown);
    assertThat(called.await(2, TimeUnit.SECONDS)).isTrue();
  }

  private ProcessHandle sleeper() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sleep")) || Files.isExecutable(Path.of("/usr/bin/sleep")),
        "needs sleep(1) to stand in for a leftover process");
    Process process = new ProcessBuilder("sleep", "60").start();
    started.add(process);
    ProcessHandle handle = process.toHandle();
    // The child execs sleep a moment after it starts; the registry checks the command, so wait for it.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!handle.info().command().orElse("").endsWith("sleep") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return handle;
  }

  private static Entry entry(ProcessHandle process, Owner owner, Path data) {
    Entry entry = Entry.of("postgres", process, process.info().command().orElseThrow(), ProcessHandle.current(), data);
    return new Entry(entry.kind(), entry.pid(), entry.started(), entry.command(), owner, entry.dataDirectory());
  }

  private Path dataFolder(String name) throws IOException {
    Path folder = Files.createDirectories(root.resolve(name));
    Files.writeString(folder.resolve("PG_VERSION"), "17\n");
    return folder;
  }
}
