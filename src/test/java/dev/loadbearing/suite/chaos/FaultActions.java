package dev.loadbearing.suite.chaos;

import dev.loadbearing.chaos.FaultAction;
import dev.loadbearing.chaos.ServiceFaults;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What carries out each fault of the schedule, for this run's target. */
public final class FaultActions {
  private FaultActions() {
  }

  /**
   * The schedule's faults with their actions. A service-side fault against a target this run did not launch stops
   * the run here, before any load, naming the fault.
   */
  public static List<FaultSchedule.Planned> plan(List<Profiles.Fault> faults, Optional<ServiceProcess> launched) {
    List<FaultSchedule.Planned> planned = new ArrayList<>();
    for (Profiles.Fault fault : faults) {
      if (fault.kind().serviceSide() && launched.isEmpty()) {
        throw new InvalidConfigException("loadbearing.profiles.chaos.faults." + fault.name() + " is a "
            + fault.kind().key() + " fault, which acts on the reference service this run launches; the target was "
            + "given with -DbaseUrl. Use kind = command or kind = url to run your own chaos tooling instead "
            + "(docs/RELIABILITY.md)");
      }
      planned.add(new FaultSchedule.Planned(fault, action(fault, launched)));
    }
    return planned;
  }

  private static FaultAction action(Profiles.Fault fault, Optional<ServiceProcess> launched) {
    return switch (fault.kind()) {
      case COMMAND -> new CommandFault(fault.onBegin(), fault.onEnd(), fault.timeout());
      case URL -> new UrlFault(fault.onBegin(), fault.onEnd(), fault.timeout());
      case DATABASE_STALL -> new ServiceFaults(launched.orElseThrow()).stallDatabase();
      case DATABASE_RESTART -> new ServiceFaults(launched.orElseThrow()).restartDatabase();
      case CONNECTIONS_DROPPED -> new ServiceFaults(launched.orElseThrow()).dropConnections();
      case PARTIAL_DEGRADATION -> new Together(new ServiceFaults(launched.orElseThrow())
          .databaseLatency(fault.databaseLatencyMs()),
          new ServiceFaults(launched.orElseThrow()).providerErrors(fault.providerErrors()));
    };
  }

  /** Two faults in one window: begun in order, ended in reverse, the second ended even if the first fails. */
  static final class Together implements FaultAction {
    private final FaultAction first;
    private final FaultAction second;

    Together(FaultAction first, FaultAction second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public String description() {
      return first.description() + " + " + second.description();
    }

    @Override
    public void begin() throws Exception {
      first.begin();
      second.begin();
    }

    @Override
    public void end() throws Exception {
      try {
        second.end();
      } finally {
        first.end();
      }
    }
  }
}
