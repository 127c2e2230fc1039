package dev.loadbearing.service.catalog;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of the catalogue. Every statement filters by tenant_id, which leads every products index except
 * the primary key and the name search's GIN index.
 */
final class ProductRepository {
  private static final String COLUMNS = "id, sku, name, category, price_cents, stock";
  private final Database database;

  ProductRepository(Database database) {
    this.database = database;
  }

  /**
   * The hottest read of the API in one round trip: the page, and the total the insert/delete triggers keep
   * in tenants.product_count (see schema.sql), instead of a count(*) over the tenant's products.
   */
  Page<Product> page(long tenantId, Page.Request request) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement(
             "SELECT t.product_count, p.id, p.sku, p.name, p.category, p.price_cents, p.stock FROM tenants t"
                 + " LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM products WHERE tenant_id = t.id"
                 + " ORDER BY id LIMIT ? OFFSET ?) p ON true WHERE t.id = ? ORDER BY p.id")) {
      select.setInt(1, request.size());
      select.setLong(2, request.offset());
      select.setLong(3, tenantId);
      List<Product> items = new ArrayList<>(request.size());
      long total = 0;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          total = rows.getLong(1);
          if (rows.getObject(2) != null) {
            items.add(new Product(rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getLong(6), rows.getInt(7)));
          }
        }
      }
      return new Page<>(items, request.page(), request.size(), total);
    }
  }

  /** Count and page in one connection; the WHERE clause is built from fixed fragments, values bound. */
  Page<Product> search(long tenantId, SearchQuery query) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
    List<Object> values = new ArrayList<>();
    values.add(tenantId);
    if (query.words().isPresent()) {
      // Same expression as the GIN index products_name_search, so the planner can use it.
      where.append(" AND to_tsvector('simple', name) @@ plainto_tsquery('simple', ?)");
      values.add(query.words().get());
    }
    query.category().ifPresent(category -> {
      where.append(" AND category = ?");
      values.add(category);
    });
    query.minPrice().ifPresent(min -> {
      where.append(" AND price_cents >= ?");
      values.add(min);
    });
    query.maxPrice().ifPresent(max -> {
      where.append(" AND price_cents <= ?");
      values.add(max);
    });
    Page.Request page = query.page();
    try (Connection connection = database.connection()) {
      long total = count(connection, "SELECT count(*) FROM products" + where, values);
      List<Product> items = new ArrayList<>(page.size());
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM products" + where
          + " ORDER BY " + query.sort().orderBy + " LIMIT ? OFFSET ?")) {
        int next = bind(select, values);
        select.setInt(next, page.size());
        select.setLong(next + 1, page.offset());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            items.add(product(rows));
          }
        }
      }
      return new Page<>(items, page.page(), page.size(), total);
    }
  }

  Optional<Product> find(long tenantId, long id) throws SQLException {
    return optional("SELECT " + COLUMNS + " FROM products WHERE id = ? AND tenant_id = ?", id, tenantId);
  }

  /** Empty when the tenant already has the SKU. */
  Optional<Product> create(long tenantId, NewProduct p) throws SQLException {
    return optional("INSERT INTO products (tenant_id, sku, name, category, price_cents, stock)"
        + " VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (tenant_id, sku) DO NOTHING RETURNING " + COLUMNS,
        tenantId, p.sku(), p.name(), p.category(), p.priceCents(), p.stock());
  }

  /** Atomic: empty when the product is not the tenant's or the stock would go negative. */
  Optional<Product> adjustStock(long tenantId, long id, int delta) throws SQLException {
    return optional("UPDATE products SET stock = stock + ? WHERE id = ? AND tenant_id = ? AND stock + ? >= 0"
        + " RETURNING " + COLUMNS, delta, id, tenantId, delta);
  }

  /**
   * Inserts all products in one statement inside the caller's transaction, and returns the SKUs the tenant already
   * had; when there are any, the transaction is rolled back.
   */
  static List<String> importAll(Connection connection, long tenantId, List<NewProduct> products)
      throws SQLException {
    int n = products.size();
    Object[] skus = new Object[n];
    Object[] names = new Object[n];
    Object[] categories = new Object[n];
    Object[] prices = new Object[n];
    Object[] stocks = new Object[n];
    for (int i = 0; i < n; i++) {
      NewProduct p = products.get(i);
      skus[i] = p.sku();
      names[i] = p.name();
      categories[i] = p.category();
      prices[i] = p.priceCents();
      stocks[i] = p.stock();
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO products (tenant_id, sku, name, category, price_cents, stock)
        SELECT ?, u.* FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[]) AS u
        ON CONFLICT (tenant_id, sku) DO NOTHING RETURNING sku""")) {
      insert.setLong(1, tenantId);
      insert.setArray(2, connection.createArrayOf("text", skus));
      insert.setArray(3, connection.createArrayOf("text", names));
      insert.setArray(4, connection.createArrayOf("text", categories));
      insert.setArray(5, connection.createArrayOf("bigint", prices));
      insert.setArray(6, connection.createArrayOf("integer", stocks));
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          inserted.add(rows.getString(1));
        }
      }
    }
    List<String> existing = new ArrayList<>();
    for (NewProduct p : products) {
      if (!inserted.contains(p.sku())) {
        existing.add(p.sku());
      }
    }
    if (!existing.isEmpty()) {
      connection.rollback();
    }
    return existing;
  }

  private Optional<Product> optional(String sql, Object... values) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, List.of(values));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(product(rows)) : Optional.empty();
      }
    }
  }

  private static long count(Connection connection, String sql, List<Object> values) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(sql)) {
      bind(count, values);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Binds values from parameter 1 on and returns the index of the next parameter. */
  private static int bind(PreparedStatement statement, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return values.size() + 1;
  }

  private static Product product(ResultSet rows) throws SQLException {
    return new Product(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5),
        rows.getInt(6));
  }
}
