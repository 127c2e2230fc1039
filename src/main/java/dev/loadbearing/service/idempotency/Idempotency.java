package dev.loadbearing.service.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.db.Transaction;
import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Reply;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a creating route's work in one transaction, at most once per {@code Idempotency-Key}. The key is claimed
 * by inserting its row in {@code idempotency_keys} first, in the work's own transaction: a retry racing the first
 * attempt waits on that row until the first commits (then it gets the stored answer) or rolls back (then it runs
 * the work itself). Only a success is stored, with the work's changes; a refusal rolls the claim back with them,
 * so a failed attempt never poisons its key. Without the header the work runs exactly as it did before.
 */
public final class Idempotency {
  /** Header of a reply that is the stored answer to an earlier request with the same key. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
  private static final long PURGE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

  private final Database database;
  private final AtomicLong nextPurge = new AtomicLong(System.nanoTime());

  public Idempotency(Database database) {
    this.database = database;
  }

  /**
   * The work's reply, or the stored reply of an earlier request with the same key and the same canonical request
   * (the route's validated body, hashed as JSON). The work throws an {@link ApiException} to refuse, which rolls
   * back everything, the claim included; it is handed the key (or null) to record it where the route keeps it.
   */
  public Reply run(HttpServerExchange exchange, long tenantId, String route, Object canonicalRequest, Work work)
      throws SQLException {
    Optional<IdempotencyKey> key = IdempotencyKey.of(exchange);
    if (key.isEmpty()) {
      return Transaction.run(database, connection -> work.run(connection, null));
    }
    KeyClaim claim = new KeyClaim(tenantId, route, key.get().value(), sha256(canonicalRequest));
    Outcome outcome = Transaction.run(database, connection -> {
      Optional<KeyClaim.Stored> earlier = claim.claim(connection);
      if (earlier.isPresent()) {
        return new Outcome(Reply.text(earlier.get().status(), earlier.get().response(), Json.CONTENT_TYPE), true);
      }
      Reply fresh = work.run(connection, claim.key());
      claim.complete(connection, fresh.status(), json(fresh.body()));
      return new Outcome(fresh, false);
    });
    purgeIfDue();
    if (outcome.replayed()) {
      exchange.getResponseHeaders().put(new HttpString(REPLAYED_HEADER), "true");
    }
    return outcome.reply();
  }

  private record Outcome(Reply reply, boolean replayed) {
  }

  /** A route's work inside the transaction; {@code key} is the request's idempotency key, or null. */
  @FunctionalInterface
  public interface Work {
    Reply run(Connection connection, String key) throws SQLException;
  }

  /** Drops keys past their {@link KeyClaim#KEPT} once an hour, on the request that finds it due; one indexed delete. */
  private void purgeIfDue() {
    long due = nextPurge.get();
    if (System.nanoTime() - due < 0 || !nextPurge.compareAndSet(due, System.nanoTime() + PURGE_EVERY_NANOS)) {
      return;
    }
    try (Connection connection = database.connection(); Statement delete = connection.createStatement()) {
      int purged = delete.executeUpdate(KeyClaim.PURGE);
      LOG.info("Idempotency keys older than {}: {} purged", KeyClaim.KEPT, purged);
    } catch (SQLException failed) {
      // The next claim of an expired key takes it over anyway; the purge only keeps the table small.
      LOG.warn("Purging expired idempotency keys failed: {}", failed.toString());
    }
  }

  static String sha256(Object canonicalRequest) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Json.MAPPER.writeValueAsBytes(canonicalRequest));
      return HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash the request", e);
    }
  }

  private static String json(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store the reply as JSON", e);
    }
  }
}
