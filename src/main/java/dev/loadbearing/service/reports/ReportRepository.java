package dev.loadbearing.service.reports;

import dev.loadbearing.service.db.Database;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The aggregate queries; each is one statement and reads only the calling tenant's rows. */
final class ReportRepository {
  private final Database database;

  ReportRepository(Database database) {
    this.database = database;
  }

  record CategoryLine(String category, long products, long units, BigInteger valueCents, long ordered) {
  }

  record Consistency(long negativeStock, long ordersWithoutItems, long orderTotalsMismatched) {
  }

  /**
   * Stock value is summed as numeric, since a large catalogue can exceed a bigint of cents. Units ordered
   * are summed per product over the tenant's own orders first (orders_by_tenant, then the
   * order_items key), so the join to products cannot multiply the product counts.
   */
  List<CategoryLine> inventory(long tenantId) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement("""
             WITH ordered AS (
               SELECT i.product_id, sum(i.quantity) AS units
               FROM orders o JOIN order_items i ON i.order_id = o.id
               WHERE o.tenant_id = ?
               GROUP BY i.product_id)
             SELECT p.category, count(*), coalesce(sum(p.stock), 0), coalesce(sum(p.stock::numeric * p.price_cents), 0),
                    coalesce(sum(ordered.units), 0)
             FROM products p LEFT JOIN ordered ON ordered.product_id = p.id
             WHERE p.tenant_id = ?
             GROUP BY p.category
             ORDER BY p.category""")) {
      select.setLong(1, tenantId);
      select.setLong(2, tenantId);
      List<CategoryLine> lines = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          lines.add(new CategoryLine(rows.getString(1), rows.getLong(2), rows.getLong(3),
              rows.getBigDecimal(4).toBigIntegerExact(), rows.getLong(5)));
        }
      }
      return lines;
    }
  }

  Consistency consistency(long tenantId) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement("""
             SELECT
               (SELECT count(*) FROM products WHERE tenant_id = ? AND stock < 0),
               (SELECT count(*) FROM orders o WHERE o.tenant_id = ?
                  AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)),
               (SELECT count(*) FROM orders o WHERE o.tenant_id = ?
                  AND o.total_cents <> (SELECT coalesce(sum(i.quantity * i.unit_price_cents), 0)
                                        FROM order_items i WHERE i.order_id = o.id))""")) {
      select.setLong(1, tenantId);
      select.setLong(2, tenantId);
      select.setLong(3, tenantId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return new Consistency(rows.getLong(1), rows.getLong(2), rows.getLong(3));
      }
    }
  }
}
