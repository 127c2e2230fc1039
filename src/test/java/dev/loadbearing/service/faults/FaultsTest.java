package dev.loadbearing.service.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ConfigException;
import dev.loadbearing.service.Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static Faults read(Map<String, String> properties, Map<String, String> environment) {
    Properties p = new Properties();
    p.putAll(properties);
    return Faults.from(new Settings(p, environment));
  }

  @Test
  void areOffUnlessAsked() {
    Faults none = read(Map.of(), Map.of());
    assertThat(none).isEqualTo(Faults.NONE);
    assertThat(none.any()).isFalse();
  }

  @Test
  void areReadFromPropertiesOrTheEnvironment() {
    Faults faults = read(Map.of("fault.leak-kb-per-request", "64"), Map.of("LOADBEARING_FAULT_CPU_BURN_MS", "20"));
    assertThat(faults).isEqualTo(new Faults(64, 20));
    assertThat(faults.announcement()).startsWith(Faults.ANNOUNCEMENT + ": every API request retains 64 KB")
        .contains("-Dfault.leak-kb-per-request=64", "burns 20 ms of CPU", "-Dfault.cpu-burn-ms=20");
    assertThat(new Faults(0, 5).announcement()).doesNotContain("retains").contains("burns 5 ms");
    assertThat(read(Map.of("fault.db-latency-ms", "50"), Map.of()).announcement())
        .contains("holds each database connection it borrows 50 ms before using it (-Dfault.db-latency-ms=50)");
  }

  @Test
  void refuseANegativeDoseNamingTheKey() {
    assertThatThrownBy(() -> read(Map.of("fault.leak-kb-per-request", "-1"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value '-1' for fault.leak-kb-per-request")
        .hasMessageContaining("a whole number from 0");
    assertThatThrownBy(() -> read(Map.of("fault.cpu-burn-ms", "lots"), Map.of()))
        .hasMessageContaining("Invalid value 'lots' for fault.cpu-burn-ms");
    assertThatThrownBy(() -> new Faults(0, -3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void burnsAtLeastTheCpuTimeAsked() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    Faults.burnCpu(30_000_000L);
    assertThat(threads.getCurrentThreadCpuTime() - cpuBefore).isGreaterThanOrEqualTo(30_000_000L);
    assertThat(System.nanoTime() - wallBefore).isGreaterThanOrEqualTo(30_000_000L);
  }
}
