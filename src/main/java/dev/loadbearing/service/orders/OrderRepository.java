package dev.loadbearing.service.orders;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of orders. Every statement filters by tenant_id. */
final class OrderRepository {
  private static final String ITEM_COLUMNS =
      "o.id, o.total_cents, o.created_at, i.product_id, i.quantity, i.unit_price_cents";
  private final Database database;

  OrderRepository(Database database) {
    this.database = database;
  }

  /** An order that was placed, or the first product that stopped it (nothing is then changed). */
  record Placement(Order order, long refusedProductId, boolean productMissing) {
  }

  /**
   * Inside the caller's transaction: each conditional UPDATE both checks and takes the stock under the row lock, so
   * no order can oversell; the order and its items are then written in a single statement, with the request's
   * idempotency key when it has one (else null). A refusal rolls the transaction back.
   */
  Placement place(Connection connection, long tenantId, List<OrderRequest.Line> lines, String idempotencyKey)
      throws SQLException {
    List<Order.Item> items = new ArrayList<>(lines.size());
    long total = 0;
    try (PreparedStatement take = connection.prepareStatement(
        "UPDATE products SET stock = stock - ? WHERE id = ? AND tenant_id = ? AND stock >= ?"
            + " RETURNING price_cents")) {
      for (OrderRequest.Line line : lines) {
        take.setInt(1, line.quantity());
        take.setLong(2, line.productId());
        take.setLong(3, tenantId);
        take.setInt(4, line.quantity());
        try (ResultSet rows = take.executeQuery()) {
          if (!rows.next()) {
            boolean missing = !exists(connection, tenantId, line.productId());
            connection.rollback();
            return new Placement(null, line.productId(), missing);
          }
          long price = rows.getLong(1);
          items.add(new Order.Item(line.productId(), line.quantity(), price));
          total += price * line.quantity();
        }
      }
    }
    if (idempotencyKey != null) {
      releaseExpiredKey(connection, tenantId, idempotencyKey);
    }
    return new Placement(insert(connection, tenantId, total, items, idempotencyKey), 0, false);
  }

  /**
   * The caller holds the key's claim, so an order still carrying the key was placed with it more than its 24 hours
   * ago: it lets go of it, or the new order would break the unique index. One index lookup, usually no row.
   */
  private static void releaseExpiredKey(Connection connection, long tenantId, String key) throws SQLException {
    try (PreparedStatement release = connection.prepareStatement(
        "UPDATE orders SET idempotency_key = NULL WHERE tenant_id = ? AND idempotency_key = ?")) {
      release.setLong(1, tenantId);
      release.setString(2, key);
      release.executeUpdate();
    }
  }

  Optional<Order> find(long tenantId, long id) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement("SELECT " + ITEM_COLUMNS
             + " FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = ? AND o.tenant_id = ?"
             + " ORDER BY i.product_id")) {
      select.setLong(1, id);
      select.setLong(2, tenantId);
      List<Order> found = orders(select);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Newest first; the page of orders and all their items come back in one query, never one per order. */
  Page<Order> page(long tenantId, Page.Request request) throws SQLException {
    try (Connection connection = database.connection()) {
      long total;
      try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM orders WHERE tenant_id = ?")) {
        count.setLong(1, tenantId);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      try (PreparedStatement select = connection.prepareStatement(
          "WITH o AS (SELECT id, total_cents, created_at FROM orders WHERE tenant_id = ?"
              + " ORDER BY id DESC LIMIT ? OFFSET ?)"
              + " SELECT " + ITEM_COLUMNS + " FROM o JOIN order_items i ON i.order_id = o.id"
              + " ORDER BY o.id DESC, i.product_id")) {
        select.setLong(1, tenantId);
        select.setInt(2, request.size());
        select.setLong(3, request.offset());
        return new Page<>(orders(select), request.page(), request.size(), total);
      }
    }
  }

  private static boolean exists(Connection connection, long tenantId, long productId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM products WHERE id = ? AND tenant_id = ?")) {
      select.setLong(1, productId);
      select.setLong(2, tenantId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static Order insert(Connection connection, long tenantId, long total, List<Order.Item> items,
                              String idempotencyKey) throws SQLException {
    Object[] products = new Object[items.size()];
    Object[] quantities = new Object[items.size()];
    Object[] prices = new Object[items.size()];
    for (int i = 0; i < items.size(); i++) {
      products[i] = items.get(i).productId();
      quantities[i] = items.get(i).quantity();
      prices[i] = items.get(i).unitPriceCents();
    }
    try (PreparedStatement insert = connection.prepareStatement("""
        WITH o AS (INSERT INTO orders (tenant_id, total_cents, idempotency_key) VALUES (?, ?, ?)
                   RETURNING id, created_at),
             i AS (INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
                   SELECT o.id, u.p, u.q, u.c FROM o, unnest(?::bigint[], ?::int[], ?::bigint[]) AS u(p, q, c))
        SELECT id, created_at FROM o""")) {
      insert.setLong(1, tenantId);
      insert.setLong(2, total);
      insert.setString(3, idempotencyKey);
      insert.setArray(4, connection.createArrayOf("bigint", products));
      insert.setArray(5, connection.createArrayOf("integer", quantities));
      insert.setArray(6, connection.createArrayOf("bigint", prices));
      try (ResultSet rows = insert.executeQuery()) {
        rows.next();
        return new Order(rows.getLong(1), total, items, instant(rows, 2));
      }
    }
  }

  /** Folds the rows of a join (one per item, grouped by order) into orders. */
  private static List<Order> orders(PreparedStatement select) throws SQLException {
    List<Order> orders = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      long current = -1;
      List<Order.Item> items = null;
      while (rows.next()) {
        long id = rows.getLong(1);
        if (id != current) {
          current = id;
          items = new ArrayList<>();
          orders.add(new Order(id, rows.getLong(2), items, instant(rows, 3)));
        }
        items.add(new Order.Item(rows.getLong(4), rows.getInt(5), rows.getLong(6)));
      }
    }
    return orders;
  }

  private static String instant(ResultSet rows, int column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant().toString();
  }
}
