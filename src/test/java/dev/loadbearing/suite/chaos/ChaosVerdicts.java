package dev.loadbearing.suite.chaos;

import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.observe.ErrorResponses;
import dev.loadbearing.suite.observe.LatencyTimeline;
import dev.loadbearing.suite.observe.OrderLedger;
import dev.loadbearing.suite.support.Verdict;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Chaos profile's verdicts, judged once after the load: every fault ran, errors only inside fault windows
 * (each 5xx a 503 with Retry-After), recovery after each fault within its bound, and nothing lost or doubled in
 * the database. Each prints its figures as {@code Loadbearing chaos: ...} lines; {@link #report()} is what
 * the run manifest and stats.json keep.
 */
public final class ChaosVerdicts {
  private final Profiles.Chaos profile;
  private final FaultSchedule schedule;
  private final Optional<ServiceProcess> launched;
  private ChaosReport judged;

  public ChaosVerdicts(Profiles.Chaos profile, FaultSchedule schedule, Optional<ServiceProcess> launched) {
    this.profile = profile;
    this.schedule = schedule;
    this.launched = launched;
  }

  public List<Verdict> verdicts() {
    return List.of(
        new Verdict("faults ran as scheduled", () -> report().faultProblem()),
        new Verdict("errors only inside fault windows", () -> report().errorProblem(schedule.origin())),
        new Verdict("recovery after each fault", () -> report().recoveryProblem(profile.recovery().bound())),
        new Verdict("nothing lost, nothing doubled", () -> report().audit().map(OrderAudit.Result::problem)
            .orElse(null)));
  }

  /** Judges everything once (the schedule is closed first: nothing is left begun while the database is read). */
  public synchronized ChaosReport report() {
    if (judged == null) {
      schedule.close();
      judged = judge();
      judged.print(schedule.origin(), profile.recovery().bound());
    }
    return judged;
  }

  private ChaosReport judge() {
    List<FaultWindow> windows = schedule.windows();
    long now = System.currentTimeMillis();
    List<ChaosReport.Fault> faults = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      FaultWindow window = windows.get(i);
      long until = i + 1 < windows.size() && windows.get(i + 1).beganAt() > 0 ? windows.get(i + 1).beganAt() : now;
      OptionalLong recovery = window.endedAt() == 0 ? OptionalLong.empty()
          : RecoveryTime.after(window.endedAt(), until, profile.recovery(), LatencyTimeline::window);
      long errors = ErrorsInWindows.judge(ErrorResponses.all(), List.of(window), profile.grace().toMillis()).inside();
      faults.add(new ChaosReport.Fault(window, errors, recovery.isPresent() ? recovery.getAsLong() : null));
    }
    ErrorsInWindows errors = ErrorsInWindows.judge(ErrorResponses.all(), windows, profile.grace().toMillis());
    return new ChaosReport(faults, errors, ErrorResponses.unkept(), audit());
  }

  private Optional<OrderAudit.Result> audit() {
    Optional<ServiceProcess> service = launched.filter(s -> s.database().isPresent());
    if (service.isEmpty()) {
      System.out.println("Loadbearing chaos: audit not judged: the target was not launched by this run, so its "
          + "database is not known");
      return Optional.empty();
    }
    try {
      return Optional.of(OrderAudit.of(service.get().database().orElseThrow(), OrderLedger.confirmed(),
          OrderLedger.sent(), OrderLedger.keysWithTwoIds()));
    } catch (SQLException unreadable) {
      // A database that cannot be read after the run is a finding, not a crash of the run.
      return Optional.of(OrderAudit.Result.unreadable(String.format(Locale.ROOT, "the database could not be read "
          + "back: %s", unreadable.getMessage())));
    }
  }
}
