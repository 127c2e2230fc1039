package dev.loadbearing.service.tenants;

import dev.loadbearing.service.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of tenants. */
final class TenantRepository {
  private static final String COLUMNS = "id, name, tier, business_name, currency, timezone";
  private final Database database;

  TenantRepository(Database database) {
    this.database = database;
  }

  Optional<Tenant> findByKey(String apiKey) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement select = connection.prepareStatement(
             "SELECT " + COLUMNS + " FROM tenants WHERE api_key = ?")) {
      select.setString(1, apiKey);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(tenant(rows)) : Optional.empty();
      }
    }
  }

  Tenant create(String name, Tier tier, String apiKey) throws SQLException {
    return single("INSERT INTO tenants (name, tier, api_key) VALUES (?, ?, ?) RETURNING " + COLUMNS,
        name, tier.wireName(), apiKey);
  }

  Tenant updateSettings(long id, String businessName, String currency, String timezone) throws SQLException {
    return single("UPDATE tenants SET business_name = ?, currency = ?, timezone = ? WHERE id = ? RETURNING "
        + COLUMNS, businessName, currency, timezone, id);
  }

  void saveLogo(long id, byte[] logo, String contentType) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement update = connection.prepareStatement(
             "UPDATE tenants SET logo = ?, logo_type = ? WHERE id = ?")) {
      update.setBytes(1, logo);
      update.setString(2, contentType);
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  private Tenant single(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database.connection();
         PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return tenant(rows);
      }
    }
  }

  private static Tenant tenant(ResultSet rows) throws SQLException {
    return new Tenant(rows.getLong(1), rows.getString(2), Tier.parse(rows.getString(3)).orElseThrow(),
        rows.getString(4), rows.getString(5), rows.getString(6));
  }
}
