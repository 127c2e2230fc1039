package dev.loadbearing.launcher;

import java.util.OptionalLong;

/**
 * The database the launched service uses, as a monitoring tool would connect to it: for the embedded
 * PostgreSQL its loopback URL and the server's pid; for {@code -Ddb.url} that URL and no pid.
 *
 * <pre>{@code
 * service.database().ifPresent(db -> sources.withPostgres(db.jdbcUrl(), db.user(), db.password()));
 * }</pre>
 */
public record DatabaseAddress(String jdbcUrl, String user, String password, OptionalLong pid) {

  /** Never the password: this ends up in logs. */
  @Override
  public String toString() {
    return jdbcUrl + " as " + user + pid.stream().mapToObj(p -> " (pid " + p + ")").findFirst().orElse("");
  }
}
