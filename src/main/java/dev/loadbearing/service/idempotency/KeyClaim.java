package dev.loadbearing.service.idempotency;

import dev.loadbearing.service.db.SqlState;
import dev.loadbearing.service.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** The SQL of one key's row in {@code idempotency_keys}: claim it, store the answer, read the answer back. */
final class KeyClaim {
  /** How long a key is kept; after that the same key is a new request (PostgreSQL interval syntax). */
  static final String KEPT = "24 hours";
  static final String PURGE = "DELETE FROM idempotency_keys WHERE created_at < now() - interval '" + KEPT + "'";
  /**
   * Inserts the claim, or takes over an expired row. While another transaction holds an uncommitted claim of the
   * same key, this waits on it (up to the lock timeout); it returns no row when a live claim was committed before.
   */
  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (tenant_id, route, key, request_sha256) VALUES (?, ?, ?, ?)
      ON CONFLICT (tenant_id, route, key) DO UPDATE
        SET request_sha256 = excluded.request_sha256, status = NULL, response = NULL, created_at = now()
        WHERE k.created_at < now() - interval '""" + KEPT + "' RETURNING 1";

  private final long tenantId;
  private final String route;
  private final String key;
  private final String requestSha256;

  KeyClaim(long tenantId, String route, String key, String requestSha256) {
    this.tenantId = tenantId;
    this.route = route;
    this.key = key;
    this.requestSha256 = requestSha256;
  }

  /** The answer an earlier request with this key received. */
  record Stored(int status, String response) {
  }

  String key() {
    return key;
  }

  /**
   * Empty when this transaction now holds the key and must do the work; else the stored answer of the request
   * that held it, when that request had the same body (else 422).
   */
  Optional<Stored> claim(Connection connection) throws SQLException {
    try (PreparedStatement insert = bound(connection, CLAIM)) {
      insert.setString(4, requestSha256);
      try (ResultSet rows = insert.executeQuery()) {
        if (rows.next()) {
          return Optional.empty();
        }
      }
    } catch (SQLException waited) {
      if (SqlState.LOCK_NOT_AVAILABLE.equals(waited.getSQLState())) {
        throw inProgress();
      }
      throw waited;
    }
    try (PreparedStatement select = bound(connection,
        "SELECT request_sha256, status, response FROM idempotency_keys WHERE tenant_id = ? AND route = ? AND key = ?");
         ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        // Purged between the two statements: rare enough that the client's retry settles it.
        throw inProgress();
      }
      if (!requestSha256.equals(rows.getString(1))) {
        throw new ApiException(422, "idempotency_key_reused", "Idempotency-Key '" + key + "' was used with a different"
            + " request to " + route + " in the last " + KEPT + "; use a new key for a new request",
            IdempotencyKey.HEADER, Map.of());
      }
      return Optional.of(new Stored(rows.getInt(2), rows.getString(3)));
    }
  }

  /** Stores the answer with the claim; both commit, or neither does, with the work. */
  void complete(Connection connection, int status, String response) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE idempotency_keys SET status = ?, response = ?"
        + " WHERE tenant_id = ? AND route = ? AND key = ?")) {
      update.setInt(1, status);
      update.setString(2, response);
      update.setLong(3, tenantId);
      update.setString(4, route);
      update.setString(5, key);
      update.executeUpdate();
    }
  }

  private PreparedStatement bound(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setLong(1, tenantId);
    statement.setString(2, route);
    statement.setString(3, key);
    return statement;
  }

  private ApiException inProgress() {
    return new ApiException(409, "idempotency_in_progress", "A request with Idempotency-Key '" + key
        + "' is still being processed; retry after it ends", IdempotencyKey.HEADER, Map.of("Retry-After", "1"));
  }
}
