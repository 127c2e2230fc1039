package dev.loadbearing.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveFaultsTest {
  private final LiveFaults faults = new LiveFaults(new Faults(0, 0, 40));

  @Test
  void startsFromTheStartTimeDatabaseLatency() {
    assertThat(faults.dbLatencyMs()).isEqualTo(40);
    assertThat(faults.providerErrorShare()).isZero();
  }

  @Test
  void appliesEachOrderAtOnceAndAnswersWhatIsInForce() {
    assertThat(faults.apply("fault db-latency-ms 300")).isEqualTo("LOADBEARING_FAULT_APPLIED db-latency-ms 300");
    assertThat(faults.dbLatencyMs()).isEqualTo(300);
    assertThat(faults.apply("  fault provider-error-share 0.5 ")).isEqualTo(
        "LOADBEARING_FAULT_APPLIED provider-error-share 0.5");
    assertThat(faults.providerErrorShare()).isEqualTo(0.5);
    assertThat(faults.apply("fault clear")).isEqualTo("LOADBEARING_FAULT_APPLIED clear");
    assertThat(faults.dbLatencyMs()).isZero();
    assertThat(faults.providerErrorShare()).isZero();
  }

  @Test
  void refusesABadOrderWithItsReasonAndKeepsWhatWasInForce() {
    assertThat(faults.apply("fault db-latency-ms -5")).isEqualTo("LOADBEARING_FAULT_REFUSED invalid db-latency-ms"
        + " '-5': expected a whole number from 0 to 60000");
    assertThat(faults.apply("fault provider-error-share NaN")).startsWith("LOADBEARING_FAULT_REFUSED invalid"
        + " provider-error-share 'NaN'");
    assertThat(faults.apply("fault provider-error-share 1.5")).startsWith("LOADBEARING_FAULT_REFUSED");
    assertThat(faults.apply("fault cpu-burn-ms 5")).isEqualTo("LOADBEARING_FAULT_REFUSED unknown fault 'cpu-burn-ms';"
        + " known: db-latency-ms, provider-error-share, clear");
    assertThat(faults.apply("stop")).startsWith("LOADBEARING_FAULT_REFUSED expected 'fault <name> <value>'");
    assertThat(faults.apply("fault db-latency-ms")).startsWith("LOADBEARING_FAULT_REFUSED");
    assertThat(faults.dbLatencyMs()).isEqualTo(40);
    assertThat(faults.providerErrorShare()).isZero();
  }
}
