package dev.loadbearing.service.tenants;

import com.github.benmanes.caffeine.cache.Cache;
import dev.loadbearing.service.cache.Caches;
import dev.loadbearing.service.db.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Who owns an API key. Known keys are served from memory, so authentication costs no query on the hot path;
 * the tenant is held once by id, so a change of settings is seen through every key at once. Unknown keys are
 * remembered as unknown for {@link #UNKNOWN_KEY_MEMORY}, so a client repeating one costs no query either. Each of
 * the three maps holds at most {@code maxEntries} (least recently used first out); a tenant pushed out is read
 * again from the database on its next request. Database lookups are counted as
 * {@code tenant_key_lookups_total{found}}.
 */
public final class TenantDirectory {
  /** Long enough to absorb a client retrying a wrong key in a loop, short enough to need no invalidation. */
  static final Duration UNKNOWN_KEY_MEMORY = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final TenantRepository repository;
  private final Cache<String, Long> idByKey;
  private final Cache<Long, Tenant> byId;
  private final Cache<String, Boolean> unknownKeys;
  private final Counter lookupsFound;
  private final Counter lookupsMissed;

  public TenantDirectory(Database database, long maxEntries, MeterRegistry meters) {
    this.repository = new TenantRepository(database);
    this.idByKey = Caches.measured("tenant_keys", Caches.bounded(maxEntries, System::nanoTime).build(), meters);
    this.byId = Caches.measured("tenants", Caches.bounded(maxEntries, System::nanoTime).build(), meters);
    this.unknownKeys = Caches.measured("unknown_keys", Caches.bounded(maxEntries, System::nanoTime)
        .expireAfterWrite(UNKNOWN_KEY_MEMORY).build(), meters);
    this.lookupsFound = lookups(meters, "true");
    this.lookupsMissed = lookups(meters, "false");
  }

  /** The tenant of {@code apiKey} if memory holds it; costs no query. */
  public Optional<Tenant> cached(String apiKey) {
    Long id = idByKey.getIfPresent(apiKey);
    return Optional.ofNullable(id == null ? null : byId.getIfPresent(id));
  }

  /** Asks the database, unless the key was found unknown within the last minute. */
  public Optional<Tenant> lookUp(String apiKey) throws SQLException {
    if (unknownKeys.getIfPresent(apiKey) != null) {
      return Optional.empty();
    }
    Optional<Tenant> found = repository.findByKey(apiKey);
    if (found.isEmpty()) {
      lookupsMissed.increment();
      unknownKeys.put(apiKey, Boolean.TRUE);
      return found;
    }
    lookupsFound.increment();
    remember(apiKey, found.get());
    return found;
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
    byId.put(updated.id(), updated);
    return updated;
  }

  public void saveLogo(Tenant tenant, byte[] logo, String contentType) throws SQLException {
    repository.saveLogo(tenant.id(), logo, contentType);
  }

  private void remember(String apiKey, Tenant tenant) {
    // The tenant first: a reader that finds the key then finds its tenant.
    byId.put(tenant.id(), tenant);
    idByKey.put(apiKey, tenant.id());
    unknownKeys.invalidate(apiKey);
  }

  private static Counter lookups(MeterRegistry meters, String found) {
    return Counter.builder("tenant_key_lookups").tag("found", found)
        .description("API keys looked up in the database because memory did not hold them").register(meters);
  }

  public record Signup(Tenant tenant, String apiKey) {
  }
}
