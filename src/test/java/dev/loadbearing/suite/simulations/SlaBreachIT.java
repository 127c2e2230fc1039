package dev.loadbearing.suite.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.suite.support.ForkedGatling;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real, short Gatling run against the reference service with impossible SLAs set from the command line, one
 * on the client side and one on the server side (one run for both: each costs half a minute): the run must fail,
 * and say why in Gatling's own assertion messages.
 */
class SlaBreachIT {
  @Test
  void anImpossibleP95OrServerCpuBoundFailsTheRunWithGatlingsAssertionMessage() throws Exception {
    Set<Long> servicesBefore = launchedServices();
    ForkedGatling run = ForkedGatling.run(SmokeSimulation.class,
        Map.of("loadbearing.profiles.smoke.sla.p95", "1ms", "loadbearing.server-sla.service-cpu-p95", "0.1%",
            "timeScale", "0.05"), Duration.ofMinutes(3));

    assertThat(run.exitCode()).as("Gatling's exit code").isNotZero();
    assertThat(run.output()).contains("Global: 95th percentile of response time is less than 1.0 : false");
    assertThat(run.output()).as("the server-side verdict, naming its key and the figure")
        .contains("Loadbearing verify: server service-cpu-p95: FAILED - loadbearing.server-sla.service-cpu-p95 broken")
        .containsPattern("verify: server service-cpu-p95[^\\n]*: false");
    assertThat(launchedServices()).as("reference services still running after the failed run")
        .isSubsetOf(servicesBefore);
  }

  /** Reference services running on this machine; the failed run must not add one. */
  private static Set<Long> launchedServices() {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("dev.loadbearing.service.ServiceMain"))
        .map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
