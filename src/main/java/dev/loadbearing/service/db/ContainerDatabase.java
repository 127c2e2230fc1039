package dev.loadbearing.service.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** {@code -Ddb=testcontainers}: PostgreSQL in a throw-away container. Needs a Docker engine. */
public final class ContainerDatabase {
  public static final String IMAGE = "postgres:17-alpine";

  private ContainerDatabase() {
  }

  static Database start(Database.Pool pool) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(noDockerMessage());
    }
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
    container.start();
    return Database.connect(container.getJdbcUrl(), container.getUsername(), container.getPassword(), pool,
        "PostgreSQL container " + IMAGE + " (Testcontainers)", container::stop);
  }

  public static String noDockerMessage() {
    return "-Ddb=testcontainers needs a running Docker engine, and none answered on this machine. "
        + "Use the embedded PostgreSQL instead (the default: leave out -Ddb), or an existing server with "
        + "-Ddb.url=jdbc:postgresql://HOST:5432/DB (or LOADBEARING_DB_URL, with db.user and db.password).";
  }
}
