package dev.loadbearing.suite.chaos;

import dev.loadbearing.launcher.DatabaseAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Nothing lost, nothing doubled", read back from the database after the load: every order a client saw as 201
 * exists with the id it was given (and, once the service keeps them, under the key it was sent with); no
 * idempotency key has two orders; no stock is negative.
 */
public final class OrderAudit {
  private OrderAudit() {
  }

  /**
   * @param confirmed    orders the clients saw as 201 (key → order id)
   * @param found        of which exist with that id
   * @param underOtherKey of which exist, but under another idempotency key than the client sent
   * @param keysJudged   false when the orders table has no idempotency_key column (a service without
   *                     Idempotency-Key): keys could then not be checked
   * @param keysWithTwoOrders idempotency keys of one tenant that have more than one order
   * @param keptUnseen   orders under the clients' keys whose 201 no client saw (committed, answer lost, retries
   *                     exhausted); not lost, not doubled, reported
   * @param negativeStock products with stock below zero
   * @param clientKeysWithTwoIds keys the service answered 201 with two different order ids
   * @param failure       null, or why the database could not be read back
   */
  public record Result(int confirmed, int found, int underOtherKey, boolean keysJudged, long keysWithTwoOrders,
                       long keptUnseen, long negativeStock, long clientKeysWithTwoIds, String failure) {
    /** An audit that could not read the database: a failed verdict saying why. */
    static Result unreadable(String failure) {
      return new Result(0, 0, 0, false, 0, 0, 0, 0, failure);
    }

    public int missing() {
      return confirmed - found;
    }

    /** Null when nothing was lost or doubled, else what was found. */
    public String problem() {
      if (failure != null) {
        return failure;
      }
      List<String> problems = new ArrayList<>();
      if (missing() > 0) {
        problems.add(missing() + " of " + confirmed + " orders answered 201 are not in the database under their id");
      }
      if (underOtherKey > 0) {
        problems.add(underOtherKey + " orders answered 201 are stored under another idempotency key");
      }
      if (keysWithTwoOrders > 0) {
        problems.add(keysWithTwoOrders + " idempotency keys have two or more orders");
      }
      if (clientKeysWithTwoIds > 0) {
        problems.add(clientKeysWithTwoIds + " keys were answered 201 with two different order ids");
      }
      if (negativeStock > 0) {
        problems.add(negativeStock + " products have negative stock");
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** One line for the console. */
    public String line() {
      if (failure != null) {
        return failure;
      }
      return confirmed + " orders answered 201, " + found + " found once under their id, " + missing() + " missing, "
          + (keysJudged ? keysWithTwoOrders + " keys with two orders, " + underOtherKey + " under another key, "
          + keptUnseen + " kept whose 201 no client saw" : "keys not judged (no idempotency_key column)")
          + ", " + clientKeysWithTwoIds + " keys answered with two ids, " + negativeStock + " negative stocks";
    }

    Map<String, Object> toManifest() {
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("confirmed", confirmed);
      audit.put("found", found);
      audit.put("missing", missing());
      audit.put("keysJudged", keysJudged);
      audit.put("keysWithTwoOrders", keysWithTwoOrders);
      audit.put("underOtherKey", underOtherKey);
      audit.put("keptUnseen", keptUnseen);
      audit.put("clientKeysWithTwoIds", clientKeysWithTwoIds);
      audit.put("negativeStock", negativeStock);
      audit.put("failure", failure);
      return audit;
    }
  }

  /**
   * @param confirmed key → order id of every 201 the clients saw
   * @param sent      every key the clients sent an order with
   */
  public static Result of(DatabaseAddress database, Map<String, Long> confirmed, Set<String> sent,
                          long clientKeysWithTwoIds) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
        database.password())) {
      boolean keysJudged = hasIdempotencyKeys(connection);
      Map<Long, String> stored = stored(connection, confirmed.values().toArray(Long[]::new), keysJudged);
      int found = 0;
      int underOtherKey = 0;
      for (Map.Entry<String, Long> order : confirmed.entrySet()) {
        if (stored.containsKey(order.getValue())) {
          found++;
          if (keysJudged && !order.getKey().equals(stored.get(order.getValue()))) {
            underOtherKey++;
          }
        }
      }
      long twoOrders = keysJudged ? single(connection, "SELECT count(*) FROM (SELECT 1 FROM orders WHERE "
          + "idempotency_key IS NOT NULL GROUP BY tenant_id, idempotency_key HAVING count(*) > 1) doubled") : 0;
      long keptUnseen = keysJudged ? keptUnseen(connection, confirmed, sent) : 0;
      long negative = single(connection, "SELECT count(*) FROM products WHERE stock < 0");
      return new Result(confirmed.size(), found, underOtherKey, keysJudged, twoOrders, keptUnseen, negative,
          clientKeysWithTwoIds, null);
    }
  }

  private static boolean hasIdempotencyKeys(Connection connection) throws SQLException {
    return single(connection, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
        + "AND column_name = 'idempotency_key'") > 0;
  }

  /** Order id → its idempotency key ("" without the column), for the ids given. */
  private static Map<Long, String> stored(Connection connection, Long[] ids, boolean keysJudged) throws SQLException {
    Map<Long, String> stored = new HashMap<>();
    String sql = "SELECT id, " + (keysJudged ? "idempotency_key" : "''") + " FROM orders WHERE id = ANY (?)";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Array array = connection.createArrayOf("bigint", ids);
      select.setArray(1, array);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getLong(1), rows.getString(2));
        }
      }
    }
    return stored;
  }

  /** Orders stored under a key the clients sent as an order whose 201 they never saw. */
  private static long keptUnseen(Connection connection, Map<String, Long> confirmed, Set<String> sent)
      throws SQLException {
    String[] seen = confirmed.keySet().toArray(String[]::new);
    try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM orders WHERE idempotency_key "
        + "= ANY (?) AND NOT (idempotency_key = ANY (?))")) {
      select.setArray(1, connection.createArrayOf("text", sent.toArray(String[]::new)));
      select.setArray(2, connection.createArrayOf("text", seen));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long single(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
