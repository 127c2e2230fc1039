package dev.loadbearing.service;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.db.Schema;
import dev.loadbearing.service.faults.LiveFaults;
import dev.loadbearing.service.http.HttpServer;
import dev.loadbearing.service.http.Json;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference service: a multi-tenant shop API on PostgreSQL, served by Undertow. {@link #start} brings
 * up the database, schema, seed data and HTTP server; {@link #close} stops them in reverse order.
 */
public final class ReferenceService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceService.class);

  private final Database database;
  private final PrometheusMeterRegistry meters;
  private final HeapAfterGc heapAfterGc;
  private final HttpServer server;
  private final String baseUrl;
  private final LiveFaults liveFaults;

  private ReferenceService(Database database, PrometheusMeterRegistry meters, HeapAfterGc heapAfterGc,
                           HttpServer server, String baseUrl, LiveFaults liveFaults) {
    this.database = database;
    this.liveFaults = liveFaults;
    this.meters = meters;
    this.heapAfterGc = heapAfterGc;
    this.server = server;
    this.baseUrl = baseUrl;
  }

  public static ReferenceService start(ServiceConfig config) {
    long started = System.nanoTime();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    HeapAfterGc heapAfterGc = new HeapAfterGc();
    heapAfterGc.bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    if (config.faults().any()) {
      LOG.warn(config.faults().announcement());
      config.faults().bindTo(meters);
    }
    LiveFaults liveFaults = new LiveFaults(config.faults());
    Database database = Database.open(config.database(), new Database.Pool(config.poolSize(), meters, liveFaults));
    try {
      Schema.apply(database);
      Json.warmUp();
      Seeder.seed(database, config.seedTenantsPerTier(), config.seedProducts());
      HttpServer server = HttpServer.start(config.host(), config.port(),
          Api.routes(database, meters, config, liveFaults).handler(), config.http(), meters);
      String baseUrl = "http://" + config.host() + ":" + server.port();
      LOG.info("Reference service ready at {} in {} ms; {}; {}", baseUrl, (System.nanoTime() - started) / 1_000_000,
          config.http(), config.abuse());
      return new ReferenceService(database, meters, heapAfterGc, server, baseUrl, liveFaults);
    } catch (RuntimeException failed) {
      database.close();
      heapAfterGc.close();
      throw failed;
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Database database() {
    return database;
  }

  /** The faults its launcher may switch while it runs (see {@code ServiceMain}). */
  public LiveFaults liveFaults() {
    return liveFaults;
  }

  @Override
  public void close() {
    server.close();
    database.close();
    heapAfterGc.close();
    meters.close();
    LOG.info("Reference service at {} stopped", baseUrl);
  }
}
