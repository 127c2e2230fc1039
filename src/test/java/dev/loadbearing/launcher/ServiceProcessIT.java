package dev.loadbearing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.service.ServiceMain;
import dev.loadbearing.telemetry.Sources;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.telemetry.TelemetrySampler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-launched service starts, answers, and never outlives whoever started it. */
class ServiceProcessIT {
  private static final Duration READY = Duration.ofSeconds(120);

  @TempDir
  Path logs;

  @Test
  void startsOnAFreePortAndStopsWithItsDatabase() throws Exception {
    ProcessHandle database;
    try (ServiceProcess service = ServiceProcess.start(List.of(), logs.resolve("service.log"), READY)) {
      assertThat(get(service.baseUrl() + "/health").statusCode()).isEqualTo(200);
      database = ProcessHandle.of(service.databasePid().orElseThrow()).orElseThrow();
      assertThat(database.isAlive()).isTrue();
      service.close();
      assertThat(service.isAlive()).isFalse();
    }
    assertThat(database.isAlive()).as("the embedded PostgreSQL").isFalse();
    assertThat(Files.readString(logs.resolve("service.log"))).contains(ServiceMain.READY_PREFIX);
  }

  @Test
  void tellsItsDatabaseSoThatTelemetryCanReadItsStatements() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(List.of("-Dseed.products=100"), logs.resolve("a.log"), READY)) {
      DatabaseAddress database = service.database().orElseThrow();
      assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
      assertThat(database.pid()).isEqualTo(service.databasePid());
      try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
          database.password()); Statement statement = connection.createStatement();
           ResultSet statements = statement.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
        assertThat(statements.next()).isTrue();
        assertThat(statements.getLong(1)).as("statements the seed ran").isPositive();
      }
      // What the address is for: the sampler's top statements of a run.
      TelemetrySampler sampler = TelemetrySampler.start(Sources.none()
          .withPostgres(database.jdbcUrl(), database.user(), database.password()), Duration.ofMillis(250));
      for (int i = 0; i < 20; i++) {
        assertThat(get(service.baseUrl() + "/api/products?page=1&size=5", "lb-enterprise-1").statusCode())
            .isEqualTo(200);
      }
      Telemetry telemetry = sampler.stop();
      assertThat(telemetry.notes()).noneMatch(note -> note.contains("pg_stat_statements"));
      assertThat(telemetry.statements()).anySatisfy(st -> assertThat(st.query()).containsIgnoringCase("products"));
      // The password (here the same as the user) is masked in the log.
      assertThat(Files.readString(logs.resolve("a.log")))
          .containsPattern("LOADBEARING_DATABASE \\S+ postgres \\*{8}\n");

      // A service on a database it did not start gives that database's URL, and no pid.
      try (ServiceProcess second = ServiceProcess.start(List.of("-Ddb.url=" + database.jdbcUrl()),
          logs.resolve("b.log"), READY)) {
        assertThat(second.database().orElseThrow().jdbcUrl()).isEqualTo(database.jdbcUrl());
        assertThat(second.database().orElseThrow().pid()).isEmpty();
      }
    }
  }

  @Test
  void reportsTheServicesOwnErrorWhenItCannotStart() {
    assertThatThrownBy(() -> ServiceProcess.start(List.of("-Dseed=huge"), logs.resolve("bad.log"), READY))
        .hasMessageContaining("stopped before it was ready")
        .hasMessageContaining("Invalid value 'huge' for seed");
  }

  @Test
  void stopsWhenTheProcessThatStartedItIsKilled() throws Exception {
    Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LaunchAndWait.class.getName(), logs.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
        StandardCharsets.UTF_8))) {
      String[] pids = readUntilPids(out);
      ProcessHandle service = ProcessHandle.of(Long.parseLong(pids[0])).orElseThrow();
      ProcessHandle database = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();

      // SIGKILL: no shutdown hook runs in the parent, only the closed pipe tells the service.
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      service.onExit().get(60, TimeUnit.SECONDS);
      database.onExit().get(30, TimeUnit.SECONDS);
      assertThat(service.isAlive()).isFalse();
      assertThat(database.isAlive()).isFalse();
    }
  }

  private static String[] readUntilPids(BufferedReader out) throws Exception {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(LaunchAndWait.PID_PREFIX)) {
        return line.substring(LaunchAndWait.PID_PREFIX.length()).split(" ");
      }
    }
    throw new AssertionError("the launching process ended without starting the service");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String apiKey) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", apiKey)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A stand-in for the Gatling JVM: launches the service, prints its pid, then waits to be killed. */
  public static final class LaunchAndWait {
    static final String PID_PREFIX = "SERVICE_PID ";

    public static void main(String[] args) throws Exception {
      ServiceProcess service = ServiceProcess.start(List.of(), Path.of(args[0], "orphan.log"), READY);
      System.out.println(PID_PREFIX + service.pid() + " " + service.databasePid().orElseThrow());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
