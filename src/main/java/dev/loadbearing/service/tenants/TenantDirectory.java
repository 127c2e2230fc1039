package dev.loadbearing.service.tenants;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.ApiException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns an API key. Known keys are served from memory, so authentication costs no query on the hot path;
 * the cache is refreshed whenever this class itself changes a tenant. Unknown keys are not cached (a client
 * cycling through random keys must not grow the heap).
 */
public final class TenantDirectory {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final TenantRepository repository;
  private final Map<String, Tenant> byKey = new ConcurrentHashMap<>();
  private final Map<Long, String> keyById = new ConcurrentHashMap<>();

  public TenantDirectory(Database database) {
    this.repository = new TenantRepository(database);
  }

  public Tenant authenticate(String apiKey) throws SQLException {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new ApiException(401, "unauthorized", "Send your API key in the X-Api-Key header");
    }
    Tenant cached = byKey.get(apiKey);
    if (cached != null) {
      return cached;
    }
    Optional<Tenant> found = repository.findByKey(apiKey);
    if (found.isEmpty()) {
      throw new ApiException(401, "unauthorized", "The API key is not known");
    }
    remember(apiKey, found.get());
    return found.get();
  }

  /** Creates a tenant with a fresh key: 192 random bits, so keys cannot be guessed or enumerated. */
  public Signup signup(String name, Tier tier) throws SQLException {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String apiKey = "lbk_" + KEY_ENCODING.encodeToString(secret);
    Tenant tenant = repository.create(name, tier, apiKey);
    remember(apiKey, tenant);
    return new Signup(tenant, apiKey);
  }

  public Tenant updateSettings(Tenant tenant, String businessName, String currency, String timezone)
      throws SQLException {
    Tenant updated = repository.updateSettings(tenant.id(), businessName, currency, timezone);
    String apiKey = keyById.get(tenant.id());
    if (apiKey != null) {
      byKey.put(apiKey, updated);
    }
    return updated;
  }

  public void saveLogo(Tenant tenant, byte[] logo, String contentType) throws SQLException {
    repository.saveLogo(tenant.id(), logo, contentType);
  }

  private void remember(String apiKey, Tenant tenant) {
    keyById.put(tenant.id(), apiKey);
    byKey.put(apiKey, tenant);
  }

  public record Signup(Tenant tenant, String apiKey) {
  }
}
