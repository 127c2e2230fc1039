package dev.loadbearing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.service.db.DatabaseSettings;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.http.HttpLimits;
import dev.loadbearing.service.ratelimit.AbuseLimits;
import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.RawHttp;
import dev.loadbearing.service.support.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Can a client without a key flood sign-ups or guess keys, grow the service's memory, or one tenant take the
 * assistant from the others? A service of its own with small limits: 5 sign-ups and 50 unknown keys per address
 * (then 6 a minute), caches of {@value #CACHE} entries, and 1 % of each provider's quota per tenant. Each test
 * sends from addresses of its own in 127.0.0.0/8 (every one is this machine), so the budgets do not mix.
 */
class AbuseLimitsIT {
  private static final int SIGNUP_BURST = 5;
  private static final int UNKNOWN_KEY_BURST = 50;
  private static final int CACHE = 100;
  private static final AbuseLimits LIMITS = new AbuseLimits(new AbuseLimits.Budget(SIGNUP_BURST, 6),
      new AbuseLimits.Budget(UNKNOWN_KEY_BURST, 6), CACHE, 0.01);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReferenceService service;

  @BeforeAll
  static void start() {
    Properties properties = new Properties();
    properties.setProperty("db.data-root", "target/loadbearing-test-abuse");
    DatabaseSettings database = DatabaseSettings.from(new Settings(properties, Map.of()));
    service = ReferenceService.start(new ServiceConfig("127.0.0.1", 0, 50, 1, 8, database, 0.0, 1.0, Faults.NONE,
        HttpLimits.DEFAULTS, LIMITS));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aSignUpFloodFromOneAddressIs429WithRetryAfterWhileAnotherAddressStillSignsUp() {
    List<RawHttp.Answer> flood = send("127.0.0.3", Collections.nCopies(SIGNUP_BURST + 3, signUp("enterprise")));
    assertThat(flood.subList(0, SIGNUP_BURST)).extracting(RawHttp.Answer::status).containsOnly(201);
    for (RawHttp.Answer refused : flood.subList(SIGNUP_BURST, flood.size())) {
      assertThat(refused.status()).isEqualTo(429);
      assertThat(json(refused).at("/error/code").asText()).isEqualTo("too_many_signups");
      assertThat(Long.parseLong(refused.header("Retry-After"))).as("one sign-up back every 10 s").isBetween(1L, 10L);
    }
    assertThat(send("127.0.0.4", List.of(signUp("free"))).get(0).status()).isEqualTo(201);
    assertThat(metric("abuse_refused_total", "limit", "signup")).isEqualTo(3);
  }

  @Test
  void unknownKeysCostAtMostTheBudgetInQueriesThen429WhileKnownKeysStillWork() {
    String known = apiKey(send("127.0.0.5", List.of(signUp("starter"))).get(0));
    double lookupsBefore = lookups("false");
    List<String> guesses = new ArrayList<>();
    for (int i = 0; i < 4 * UNKNOWN_KEY_BURST; i++) {
      guesses.add(get("/api/tenant", "guess-" + UUID.randomUUID()));
    }
    long started = System.nanoTime();
    List<RawHttp.Answer> answers = send("127.0.0.5", guesses);
    System.out.printf("%d unknown keys from one address: %d x 401 then 429, in %d ms%n", guesses.size(),
        UNKNOWN_KEY_BURST, (System.nanoTime() - started) / 1_000_000);
    assertThat(answers.subList(0, UNKNOWN_KEY_BURST)).extracting(RawHttp.Answer::status).containsOnly(401);
    RawHttp.Answer refused = answers.get(answers.size() - 1);
    assertThat(answers.subList(UNKNOWN_KEY_BURST, answers.size())).extracting(RawHttp.Answer::status)
        .containsOnly(429);
    assertThat(json(refused).at("/error/code").asText()).isEqualTo("too_many_unknown_keys");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(lookups("false") - lookupsBefore).as("database lookups").isEqualTo(UNKNOWN_KEY_BURST);
    assertThat(send("127.0.0.5", List.of(get("/api/tenant", known))).get(0).status())
        .as("a key the service holds costs nothing from the budget").isEqualTo(200);
  }

  @Test
  void aRepeatedUnknownKeyIsAskedOfTheDatabaseOnce() {
    double lookupsBefore = lookups("false");
    List<RawHttp.Answer> answers = send("127.0.0.6", Collections.nCopies(10, get("/api/tenant", "lbk_revoked")));
    assertThat(answers).extracting(RawHttp.Answer::status).containsOnly(401);
    assertThat(lookups("false") - lookupsBefore).isEqualTo(1);
  }

  @Test
  void cachesStayBoundedAfter20000DistinctUnknownKeysAnd150Tenants() {
    double lookupsBefore = lookups("false");
    long started = System.nanoTime();
    // 400 addresses x their budget of 50: 20,000 distinct keys, every one looked up and remembered as unknown.
    for (int n = 0; n < 400; n++) {
      List<String> guesses = new ArrayList<>();
      for (int i = 0; i < UNKNOWN_KEY_BURST; i++) {
        guesses.add(get("/api/tenant", "flood-" + n + "-" + i));
      }
      assertThat(send(address(1, n), guesses)).extracting(RawHttp.Answer::status).containsOnly(401);
    }
    assertThat(lookups("false") - lookupsBefore).isEqualTo(20_000);
    System.out.printf("20,000 distinct unknown keys from 400 addresses: all 401 in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    List<String> keys = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      send(address(3, n), Collections.nCopies(SIGNUP_BURST, signUp("free"))).forEach(a -> keys.add(apiKey(a)));
    }
    for (String cache : List.of("unknown_keys", "unknown_key_buckets", "signup_buckets", "tenants", "tenant_keys")) {
      double entries = metric("cache_entries", "cache", cache);
      System.out.printf("cache_entries{cache=%s} after the flood: %.0f%n", cache, entries);
      assertThat(entries).as(cache).isLessThanOrEqualTo(CACHE);
    }
    assertThat(metric("cache_entries", "cache", "unknown_keys")).as("it was filled").isEqualTo(CACHE);
    double foundBefore = lookups("true");
    assertThat(send("127.0.0.7", List.of(get("/api/tenant", keys.get(0)))).get(0).status())
        .as("the first tenant, pushed out of memory, is read again").isEqualTo(200);
    assertThat(lookups("true") - foundBefore).isEqualTo(1);
  }

  @Test
  void oneTenantOverItsShareOfTheAssistantGets429WhileAnotherIsStillAnswered() {
    Http greedy = tenant("127.0.0.8");
    // 1 % of 600, 1,200 and 3,000 a minute: 6 + 12 + 30 requests, then this tenant has no provider left.
    int answered = 0;
    Response last = greedy.post("/api/assistant/chat", "{\"message\":\"more\"}");
    while (last.status() == 200 && answered < 1_000) {
      answered++;
      last = greedy.post("/api/assistant/chat", "{\"message\":\"more\"}");
    }
    // A simulated timeout spends a request too (swift-llm times out about 1 in 11), so up to 48 answers.
    assertThat(answered).isBetween(25, 48);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.errorCode()).isEqualTo("assistant_share_exceeded");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    Response other = tenant("127.0.0.9").post("/api/assistant/chat", "{\"message\":\"mine\"}");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.json().get("provider").asText()).isEqualTo("swift-llm");
  }

  private static Http tenant(String address) {
    return new Http(service.baseUrl(), apiKey(send(address, List.of(signUp("enterprise"))).get(0)));
  }

  private static String address(int third, int n) {
    return "127.0." + (third + n / 250) + "." + (1 + n % 250);
  }

  private static List<RawHttp.Answer> send(String address, List<String> requests) {
    return RawHttp.pipeline(service.baseUrl(), address, requests, 10_000);
  }

  private static String signUp(String tier) {
    String body = "{\"name\":\"abuse\",\"tier\":\"" + tier + "\"}";
    return "POST /api/tenants HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body;
  }

  private static String get(String path, String apiKey) {
    return "GET " + path + " HTTP/1.1\r\nHost: t\r\nX-Api-Key: " + apiKey + "\r\n\r\n";
  }

  private static String apiKey(RawHttp.Answer signUp) {
    assertThat(signUp.status()).as(signUp.text()).isEqualTo(201);
    return json(signUp).get("apiKey").asText();
  }

  private static JsonNode json(RawHttp.Answer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double lookups(String found) {
    return metric("tenant_key_lookups_total", "found", found);
  }

  /** The value of {@code name{tag="value"}} in /metrics. */
  private static double metric(String name, String tag, String value) {
    String metrics = new Http(service.baseUrl(), null).get("/metrics").body();
    Matcher line = Pattern.compile("(?m)^" + name + "\\{[^}]*" + tag + "=\"" + value + "\"[^}]*} (\\S+)$")
        .matcher(metrics);
    assertThat(line.find()).as(name + " " + value + " in /metrics").isTrue();
    return Double.parseDouble(line.group(1));
  }
}
