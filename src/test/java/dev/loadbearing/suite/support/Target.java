package dev.loadbearing.suite.support;

import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.TargetConfig;
import dev.loadbearing.launcher.RunGuard;
import dev.loadbearing.launcher.ServiceProcess;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system under test for one simulation run: either the deployment named by {@code -DbaseUrl}, or the
 * reference service started here in its own JVM and stopped again by {@link #close}.
 */
public final class Target implements AutoCloseable {
  private final String baseUrl;
  private final Optional<String> apiKey;
  private final Optional<ServiceProcess> launched;
  private final String warmUpPath;

  private Target(String baseUrl, Optional<String> apiKey, Optional<ServiceProcess> launched, String warmUpPath) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.launched = launched;
    this.warmUpPath = warmUpPath;
  }

  public static Target acquire(TargetConfig config) {
    if (config.baseUrl().isPresent()) {
      String url = config.baseUrl().get().replaceAll("/+$", "");
      checkAllowed(url, config.allowRemote());
      TargetProbe.check(url, config.healthPath());
      System.out.println("Loadbearing target: " + url + " (given with baseUrl)");
      return new Target(url, config.apiKey(), Optional.empty(), config.warmUpPath());
    }
    Path log = Path.of("target", "loadbearing", "service-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
    System.out.println("Loadbearing target: starting the reference service (log: " + log + ") ...");
    ServiceProcess service = ServiceProcess.start(forwarded(config.forwardedProperties()), log, config.readyTimeout());
    service.onUnexpectedExit(RunGuard::targetDied);
    System.out.println("Loadbearing target: reference service ready at " + service.baseUrl()
        + " (pid " + service.pid() + ")");
    return new Target(service.baseUrl(), Optional.empty(), Optional.of(service), config.warmUpPath());
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The reference service this run started, when it started one. */
  public Optional<ServiceProcess> launchedService() {
    return launched;
  }

  /** The path Gatling's HTTP client warms up against; empty for none. */
  public String warmUpPath() {
    return warmUpPath;
  }

  /** The key given with {@code -DapiKey}; empty when the journeys should use the seeded tenants. */
  public Optional<String> apiKey() {
    return apiKey;
  }

  @Override
  public void close() {
    launched.ifPresent(ServiceProcess::close);
  }

  private static List<String> forwarded(List<String> keys) {
    List<String> properties = new ArrayList<>();
    for (String key : keys) {
      String value = System.getProperty(key);
      if (value != null) {
        properties.add("-D" + key + "=" + value);
      }
    }
    return properties;
  }

  private static void checkAllowed(String url, boolean allowRemote) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("baseUrl '" + url + "' is not a URL; expected e.g. http://127.0.0.1:8080");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new InvalidConfigException("baseUrl '" + url + "' must be an http:// or https:// URL with a host, "
          + "e.g. http://127.0.0.1:8080");
    }
    if (!allowRemote && !isLoopback(uri.getHost())) {
      throw new InvalidConfigException("baseUrl '" + url + "' is not on this machine. Load tests send real traffic: "
          + "add -DallowRemote=true (or LOADBEARING_ALLOW_REMOTE=true) if you mean to load-test that host.");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException unknown) {
      throw new InvalidConfigException("baseUrl host '" + host + "' does not resolve; check the URL");
    }
  }
}
