package dev.loadbearing.suite.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.chaos.FaultAction;
import dev.loadbearing.suite.config.FaultKind;
import dev.loadbearing.suite.config.Profiles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch begun = new CountDownLatch(1);

  /** A fault that writes down what was done to it, on which thread. */
  private FaultAction recording(String name, boolean failsToBegin) {
    return new FaultAction() {
      @Override
      public String description() {
        return name + " fault";
      }

      @Override
      public void begin() {
        events.add("begin " + name + " on " + Thread.currentThread().getName());
        begun.countDown();
        if (failsToBegin) {
          throw new IllegalStateException("no such process");
        }
      }

      @Override
      public void end() {
        events.add("end " + name);
      }
    };
  }

  private static Profiles.Fault fault(String name, long atMillis, Duration duration) {
    return new Profiles.Fault(name, FaultKind.DATABASE_STALL, Duration.ofMillis(atMillis), duration, 0, 0, "", "",
        Duration.ZERO);
  }

  @Test
  void beginsAndEndsEachFaultInOrderOnItsOwnThreadAndRecordsTheTimes() throws Exception {
    FaultSchedule schedule = new FaultSchedule(List.of(
        new FaultSchedule.Planned(fault("a", 0, Duration.ofMillis(20)), recording("a", false)),
        new FaultSchedule.Planned(fault("b", 30, Duration.ZERO), recording("b", false))));
    schedule.start(System.currentTimeMillis());
    waitUntil(() -> events.size() == 4);
    schedule.close();

    assertThat(events).containsExactly("begin a on loadbearing-chaos", "end a", "begin b on loadbearing-chaos",
        "end b");
    List<FaultWindow> windows = schedule.windows();
    assertThat(windows).extracting(FaultWindow::name).containsExactly("a", "b");
    assertThat(windows).allSatisfy(w -> {
      assertThat(w.beganAt()).isPositive();
      assertThat(w.endedAt()).isGreaterThanOrEqualTo(w.beganAt());
      assertThat(w.problem()).isNull();
    });
    assertThat(windows.get(1).beganAt()).isGreaterThanOrEqualTo(windows.get(0).endedAt());
  }

  @Test
  void closingTheScheduleEndsTheFaultItBegunAndBeginsNoOther() throws Exception {
    FaultSchedule schedule = new FaultSchedule(List.of(
        new FaultSchedule.Planned(fault("stall", 0, Duration.ofMinutes(10)), recording("stall", false)),
        new FaultSchedule.Planned(fault("later", 700_000, Duration.ofSeconds(1)), recording("later", false))));
    schedule.start(System.currentTimeMillis());
    assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(schedule.windows()).extracting(FaultWindow::inForce).as("what live metrics show mid-fault")
        .containsExactly(true, false);
    schedule.close();

    assertThat(events).containsExactly("begin stall on loadbearing-chaos", "end stall");
    assertThat(schedule.windows()).extracting(FaultWindow::inForce).containsExactly(false, false);
    assertThat(schedule.windows().get(0).endedAt()).isPositive();
    assertThat(schedule.windows().get(1).beganAt()).as("never begun").isZero();
  }

  @Test
  void aFaultThatFailsToBeginIsStillEndedAndItsProblemRecorded() throws Exception {
    FaultSchedule schedule = new FaultSchedule(List.of(
        new FaultSchedule.Planned(fault("broken", 0, Duration.ZERO), recording("broken", true))));
    schedule.start(System.currentTimeMillis());
    waitUntil(() -> events.size() == 2);
    schedule.close();

    assertThat(events).containsExactly("begin broken on loadbearing-chaos", "end broken");
    assertThat(schedule.windows().get(0).problem()).contains("begin failed").contains("no such process");
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("the schedule got there within 10 s").isTrue();
  }
}
