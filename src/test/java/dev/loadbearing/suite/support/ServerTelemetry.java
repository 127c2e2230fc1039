package dev.loadbearing.suite.support;

import dev.loadbearing.launcher.DatabaseAddress;
import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.suite.config.TelemetryConfig;
import dev.loadbearing.telemetry.Sources;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.telemetry.TelemetrySampler;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The run's sampler: what it can see of this target (its Prometheus endpoint; the process, database and
 * PostgreSQL of a self-launched service, or the database named with -Dtelemetry.db.url), the injector and
 * the machine. Samples on its own thread from the moment the target is ready until the load has ended.
 */
final class ServerTelemetry {
  private final Optional<TelemetrySampler> sampler;

  private ServerTelemetry(Optional<TelemetrySampler> sampler) {
    this.sampler = sampler;
  }

  static ServerTelemetry start(TelemetryConfig config, Target target) {
    if (!config.enabled()) {
      System.out.println("Loadbearing telemetry: off (-Dtelemetry=false): no telemetry.json, diagnosis or "
          + "server side in report.html");
      return new ServerTelemetry(Optional.empty());
    }
    Sources sources = Sources.none().withInjector().withMachine();
    if (!config.metricsPath().isEmpty()) {
      sources = sources.withPrometheus(URI.create(target.baseUrl() + config.metricsPath()));
    }
    Optional<ServiceProcess> service = target.launchedService();
    if (service.isPresent()) {
      sources = sources.withProcess("service", service.get().pid());
      if (service.get().databasePid().isPresent()) {
        sources = sources.withProcessTree("database", service.get().databasePid().getAsLong());
      }
      Optional<DatabaseAddress> database = service.get().database();
      if (database.isPresent() && config.dbUrl().isEmpty()) {
        sources = sources.withPostgres(database.get().jdbcUrl(), database.get().user(), database.get().password());
      }
    }
    if (config.dbUrl().isPresent()) {
      sources = sources.withPostgres(config.dbUrl().get(), config.dbUser(), config.dbPassword());
    }
    return new ServerTelemetry(Optional.of(TelemetrySampler.start(sources, config.interval())));
  }

  /** The latest sample of every series so far, for live metrics; empty when telemetry is off. */
  Map<String, Double> latest() {
    return sampler.map(TelemetrySampler::latest).orElse(Map.of());
  }

  /** Stops sampling; empty when telemetry was off. */
  Optional<Telemetry> stop() {
    return sampler.map(TelemetrySampler::stop);
  }
}
