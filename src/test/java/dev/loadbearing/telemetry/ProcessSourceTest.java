package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.OperatingSystemMXBean;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process source on the real /proc of this test JVM and of child processes. */
class ProcessSourceTest {
  private static final long SELF = ProcessHandle.current().pid();

  @TempDir
  Path dir;

  @Test
  void cpuTimeAgreesWithTheJvmsOwnAccountWhichProvesTheTickUnit() throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Recorded out = new Recorded();
    ProcessSource source = new ProcessSource("injector", SELF, false);
    burn(300);
    double jvmBefore = os.getProcessCpuTime() / 1e9;
    source.sample(out);
    double jvmAfter = os.getProcessCpuTime() / 1e9;
    // /proc counts in 10 ms ticks; the JVM asks the kernel in ns: equal within a few ticks.
    assertThat(out.get("injector.cpu_seconds_total")).isBetween(jvmBefore - 0.05, jvmAfter + 0.05);
  }

  @Test
  void coresBusyAgreeWithTheJvmsOwnCpuTimeOverTheInterval() throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Recorded out = new Recorded();
    ProcessSource source = new ProcessSource("injector", SELF, false);
    source.sample(out);
    assertThat(out.last).doesNotContainKey("injector.cpu_cores");
    long cpuBefore = os.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    burn(500);
    double expected = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
    source.sample(out);
    // The machine is shared, so the busy thread may not get a whole core; /proc and the JVM must agree.
    assertThat(out.get("injector.cpu_cores")).isCloseTo(expected, within(0.15)).isGreaterThan(0.05);
  }

  @Test
  void rssThreadsAndOpenFilesAreThoseOfThisJvm() throws Exception {
    Recorded out = new Recorded();
    ProcessSource source = new ProcessSource("injector", SELF, false);
    source.sample(out);
    double fdsBefore = out.get("injector.open_fds");
    List<InputStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Path file = Files.writeString(dir.resolve("f" + i), "x");
        open.add(Files.newInputStream(file));
      }
      source.sample(out);
      assertThat(out.get("injector.open_fds")).isEqualTo(fdsBefore + 5, within(2.0));
    } finally {
      for (InputStream in : open) {
        in.close();
      }
    }
    long heapUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertThat(out.get("injector.rss_bytes")).isGreaterThan(Math.max(20e6, heapUsed / 2.0)).isLessThan(64e9);
    // The kernel also counts the JVM's own GC and compiler threads, which JMX does not list.
    assertThat(out.get("injector.threads"))
        .isGreaterThanOrEqualTo(ManagementFactory.getThreadMXBean().getThreadCount());
  }

  @Test
  void aTreeAddsUpItsDescendants() throws Exception {
    Process parent = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait").start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (parent.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Recorded alone = new Recorded();
      Recorded tree = new Recorded();
      new ProcessSource("shell", parent.pid(), false).sample(alone);
      new ProcessSource("shell", parent.pid(), true).sample(tree);
      assertThat(tree.get("shell.threads")).isEqualTo(alone.get("shell.threads") + 2);
      assertThat(tree.get("shell.rss_bytes")).isGreaterThan(alone.get("shell.rss_bytes"));
    } finally {
      parent.toHandle().descendants().forEach(ProcessHandle::destroy);
      parent.destroy();
      parent.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessThatEndedIsNotedOnce() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor(5, TimeUnit.SECONDS);
    Recorded out = new Recorded();
    ProcessSource source = new ProcessSource("service", done.pid(), false);
    source.sample(out);
    source.sample(out);
    assertThat(out.last).isEmpty();
    assertThat(out.notes).singleElement().asString().contains("service").contains("has ended");
  }

  @Test
  void readsAStatLineWhoseCommandNameHoldsSpacesAndParentheses() {
    String stat = "4242 (a b) c) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 9 0 123 456 789";
    assertThat(ProcessSource.cpuSeconds(stat, false)).isEqualTo(3.0);
    assertThat(ProcessSource.cpuSeconds(stat, true)).isEqualTo(3.1);
  }

  private static void burn(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long x = 0;
    while (System.nanoTime() < end) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    if (x == 42) {
      System.out.print("");
    }
  }
}
