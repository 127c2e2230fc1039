package dev.loadbearing.suite.live;

import io.gatling.javaapi.core.Session;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Function;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * Virtual users alive now, per scenario ({@code loadbearing_active_users}), and users started
 * ({@code loadbearing_users_started_total}). Gatling has no public API for either: each user is counted in by
 * the first action of its scenario and out by the exit callback Gatling itself calls when it ends the user
 * (end of the journey, {@code exitHere}, a failed {@code exitHereIfFailed}), which this action wraps. So the
 * figure is exact for every user Gatling ends; users still running when max-duration cuts the run short are never
 * counted out, which no longer matters then.
 */
public final class ActiveUsers {
  private final Gauge active;
  private final Counter started;

  ActiveUsers(PrometheusRegistry registry) {
    active = Gauge.builder().name("loadbearing_active_users").help("Virtual users alive now, by scenario")
        .labelNames("scenario").withoutExemplars().register(registry);
    started = Counter.builder().name("loadbearing_users_started_total").help("Virtual users started, by scenario")
        .labelNames("scenario").withoutExemplars().register(registry);
  }

  /** The first action of every user of {@code scenario}: counts it in, and out again when Gatling ends it. */
  public Function<Session, Session> arrival(String scenario) {
    GaugeDataPoint alive = active.labelValues(scenario);
    CounterDataPoint arrived = started.labelValues(scenario);
    return session -> {
      alive.inc();
      arrived.inc();
      io.gatling.core.session.Session user = session.asScala();
      Function1<io.gatling.core.session.Session, BoxedUnit> gatlingsExit = user.onExit();
      Function1<io.gatling.core.session.Session, BoxedUnit> countedOut = ended -> {
        alive.dec();
        return gatlingsExit.apply(ended);
      };
      return new Session(user.copy(user.scenario(), user.userId(), user.attributes(), user.baseStatus(),
          user.blockStack(), countedOut, user.eventLoop()));
    };
  }
}
