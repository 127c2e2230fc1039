package dev.loadbearing.service;

import dev.loadbearing.service.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed data, generated at start when the database is empty. Tenants and keys are predictable so that load
 * tests can use them without asking: tenant {@code n} of a tier has the API key {@code lb-<tier>-<n>}.
 */
public final class Seeder {
  public static final List<String> TIERS = List.of("free", "starter", "professional", "enterprise");
  public static final List<String> CATEGORIES =
      List.of("books", "electronics", "garden", "grocery", "kitchen", "music", "sports", "toys");
  public static final int SEED_STOCK = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);

  private Seeder() {
  }

  public static String apiKey(String tier, int n) {
    return "lb-" + tier + "-" + n;
  }

  public static void seed(Database database, int tenantsPerTier, int products) {
    long started = System.nanoTime();
    try (Connection connection = database.maintenanceConnection()) {
      if (hasTenants(connection)) {
        LOG.info("Seed skipped: the database already has tenants");
        return;
      }
      connection.setAutoCommit(false);
      insertTenants(connection, tenantsPerTier);
      insertProducts(connection, products);
      connection.commit();
      try (Statement analyze = connection.createStatement()) {
        connection.setAutoCommit(true);
        // VACUUM sets the visibility map, so counts per tenant are index-only scans from the first request.
        analyze.execute("VACUUM ANALYZE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Seeding the database failed: " + e.getMessage(), e);
    }
    LOG.info("Seeded {} tenants and {} products in {} ms", tenantsPerTier * TIERS.size(), products,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static boolean hasTenants(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM tenants)")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private static void insertTenants(Connection connection, int perTier) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO tenants (name, tier, api_key) VALUES (?, ?, ?)")) {
      for (String tier : TIERS) {
        for (int n = 1; n <= perTier; n++) {
          insert.setString(1, "tenant-" + tier + "-" + n);
          insert.setString(2, tier);
          insert.setString(3, apiKey(tier, n));
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** Spreads products over all tenants in one set-based statement, fast enough for the large preset. */
  private static void insertProducts(Connection connection, int products) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO products (tenant_id, sku, name, category, price_cents, stock)
        SELECT t.ids[1 + (g % array_length(t.ids, 1))],
               'SKU-' || g,
               (ARRAY['Red','Blue','Green','Small','Large','Classic','Smart','Eco'])[1 + g % 8] || ' ' ||
               (ARRAY['lamp','chair','kettle','novel','guitar','ball','drone','shovel'])[1 + (g / 8) % 8] || ' ' || g,
               (?::text[])[1 + (g / 64) % 8],
               100 + (g * 7919) % 99900,
               ?
        FROM generate_series(0, ? - 1) AS g,
             (SELECT array_agg(id ORDER BY id) AS ids FROM tenants) AS t
        """)) {
      insert.setArray(1, connection.createArrayOf("text", CATEGORIES.toArray()));
      insert.setInt(2, SEED_STOCK);
      insert.setInt(3, products);
      insert.executeUpdate();
    }
  }
}
