package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineSourceTest {

  @TempDir
  Path dir;

  @Test
  void readsTheRealProcStatAsPercentagesOfAllCores() throws Exception {
    Recorded out = new Recorded();
    MachineSource source = new MachineSource();
    source.sample(out);
    assertThat(out.last).isEmpty();
    Thread.sleep(300);
    source.sample(out);
    assertThat(out.get("machine.cpu_percent")).isBetween(0.0, 100.0);
    assertThat(out.get("machine.steal_percent")).isBetween(0.0, 100.0);
    assertThat(out.get("machine.iowait_percent")).isBetween(0.0, 100.0);
  }

  @Test
  void busyIsAllButIdleAndIoWaitOverTheInterval() throws Exception {
    Path stat = dir.resolve("stat");
    MachineSource source = new MachineSource(stat);
    Recorded out = new Recorded();
    // user nice system idle iowait irq softirq steal guest guest_nice
    Files.writeString(stat, "cpu  100 0 100 1000 0 0 0 0 0 0\ncpu0 1 2 3\n");
    source.sample(out);
    Files.writeString(stat, "cpu  160 0 120 1100 10 0 0 10 5 0\ncpu0 1 2 3\n");
    source.sample(out);
    // interval: 60 user + 20 system + 100 idle + 10 iowait + 10 steal = 200 ticks
    assertThat(out.get("machine.cpu_percent")).isEqualTo(45.0);
    assertThat(out.get("machine.steal_percent")).isEqualTo(5.0);
    assertThat(out.get("machine.iowait_percent")).isEqualTo(5.0);
  }
}
