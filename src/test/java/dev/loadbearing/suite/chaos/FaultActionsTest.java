package dev.loadbearing.suite.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.chaos.FaultAction;
import dev.loadbearing.suite.config.FaultKind;
import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.Profiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultActionsTest {
  private static Profiles.Fault fault(FaultKind kind) {
    return new Profiles.Fault("f", kind, Duration.ofSeconds(20), Duration.ofSeconds(5), 0, 0, "true", "",
        Duration.ofSeconds(5));
  }

  @Test
  void aServiceSideFaultAgainstATargetNotLaunchedHereStopsTheRunNamingIt() {
    assertThatThrownBy(() -> FaultActions.plan(List.of(fault(FaultKind.DATABASE_STALL)), Optional.empty()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("loadbearing.profiles.chaos.faults.f is a database-stall fault")
        .hasMessageContaining("Use kind = command or kind = url");
  }

  @Test
  void commandFaultsNeedNoLaunchedService() {
    List<FaultSchedule.Planned> planned = FaultActions.plan(List.of(fault(FaultKind.COMMAND)), Optional.empty());
    assertThat(planned.get(0).action().description()).isEqualTo("command 'true'");
  }

  @Test
  void twoFaultsTogetherBeginInOrderAndEndInReverseEvenWhenOneFailsToEnd() {
    List<String> events = new ArrayList<>();
    FaultAction latency = recording("latency", events, false);
    FaultAction errors = recording("errors", events, true);
    FaultActions.Together both = new FaultActions.Together(latency, errors);
    assertThat(both.description()).isEqualTo("latency + errors");
    assertThatThrownBy(() -> {
      both.begin();
      both.end();
    }).hasMessage("errors cannot end");
    assertThat(events).containsExactly("begin latency", "begin errors", "end errors", "end latency");
  }

  private static FaultAction recording(String name, List<String> events, boolean failsToEnd) {
    return new FaultAction() {
      @Override
      public String description() {
        return name;
      }

      @Override
      public void begin() {
        events.add("begin " + name);
      }

      @Override
      public void end() {
        events.add("end " + name);
        if (failsToEnd) {
          throw new IllegalStateException(name + " cannot end");
        }
      }
    };
  }
}
