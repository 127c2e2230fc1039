package dev.loadbearing.history;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which history a run records into and the trend reads from, from system properties: {@code -Dhistory=false}
 * records nothing, {@code -Dhistory.url=jdbc:postgresql://...} (with {@code -Dhistory.user},
 * {@code -Dhistory.password} when the URL has none) a PostgreSQL table, otherwise the folder {@code -Dhistory.dir}
 * (default {@value #DEFAULT_DIR}). The one place that picks the store: docs/HISTORY.md.
 */
public record HistoryOptions(boolean enabled, Path dir, String url, String user, String password) {
  public static final String DEFAULT_DIR = "target/loadbearing/history";
  private static final String POSTGRES = "jdbc:postgresql:";

  /** Throws {@link HistoryException} naming the property and what it accepts on a bad value. */
  public static HistoryOptions from(Map<String, String> properties) {
    String enabled = properties.getOrDefault("history", "true").strip();
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new HistoryException("-Dhistory=" + enabled + ": expected true or false");
    }
    String dir = properties.getOrDefault("history.dir", DEFAULT_DIR).strip();
    if (dir.isEmpty()) {
      throw new HistoryException("-Dhistory.dir is empty: give a folder, or leave it out for " + DEFAULT_DIR);
    }
    String url = blankToNull(properties.get("history.url"));
    if (url != null && !url.startsWith(POSTGRES)) {
      throw new HistoryException("-Dhistory.url=" + shown(url) + ": expected " + POSTGRES
          + "//<host>:<port>/<database> (the only database the history supports)");
    }
    return new HistoryOptions(enabled.equals("true"), Path.of(dir), url, blankToNull(properties.get("history.user")),
        properties.get("history.password"));
  }

  /** The store these options name; empty with {@code -Dhistory=false}. Nothing is opened until it is used. */
  public Optional<RunHistory> open(Consumer<String> warnings) {
    if (!enabled) {
      return Optional.empty();
    }
    return Optional.of(url == null ? new FolderHistory(dir, warnings)
        : new PostgresHistory(url, user, password, warnings));
  }

  /** Never the password, whether given as a property or in the URL. */
  @Override
  public String toString() {
    return "HistoryOptions[enabled=" + enabled + ", dir=" + dir + ", url=" + (url == null ? null : shown(url))
        + ", user=" + user + "]";
  }

  /** A JDBC URL as messages show it: without its query string, which may hold a password. */
  static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
