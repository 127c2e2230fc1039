package dev.loadbearing.chaos;

import dev.loadbearing.launcher.ServiceProcess;

/**
 * PLACEHOLDER until branch {@code chaosfaults} lands with the real faults of the self-launched service; on merge,
 * theirs replaces this file. Every fault here refuses to begin, so a Chaos run says plainly what is missing.
 */
public final class ServiceFaults {
  private final ServiceProcess service;

  public ServiceFaults(ServiceProcess service) {
    this.service = service;
  }

  public FaultAction stallDatabase() {
    return missing("database stalled (SIGSTOP)");
  }

  public FaultAction restartDatabase() {
    return missing("database restarted");
  }

  public FaultAction dropConnections() {
    return missing("every database connection dropped");
  }

  public FaultAction databaseLatency(int millis) {
    return missing("database latency " + millis + " ms");
  }

  public FaultAction providerErrors(double share) {
    return missing("provider errors " + share);
  }

  private FaultAction missing(String description) {
    return new FaultAction() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public void begin() {
        throw new UnsupportedOperationException("ServiceFaults of pid " + service.pid() + " is not built yet "
            + "(branch chaosfaults)");
      }

      @Override
      public void end() {
      }
    };
  }
}
