package dev.loadbearing.service.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates a request for any route of {@code Api.routes}: its own method most of the time, any other often;
 * path ids valid, another tenant's, huge, negative or not numbers; query parameters of every kind; API keys
 * valid (mostly, so that requests reach the handlers), unknown or missing; bodies from {@link HostileJson} and
 * {@link MultipartBodies}.
 */
final class RequestGenerator {
  /** Every route of {@code Api.routes} with its method, and a path no route has. */
  static final List<String> ROUTES = List.of("GET /health", "GET /metrics", "POST /api/tenants", "GET /api/tenant",
      "PUT /api/tenant/settings", "POST /api/tenant/logo", "GET /api/products", "GET /api/products/search",
      "GET /api/products/{id}", "POST /api/products", "PATCH /api/products/{id}/stock", "POST /api/products/import",
      "POST /api/orders", "GET /api/orders/{id}", "GET /api/orders", "GET /api/reports/inventory",
      "POST /api/assistant/chat", "GET /api/admin/consistency", "GET /api/no-such-route");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
      "TRACE", "PROPFIND", "FUZZ");
  private static final List<String> PARAMETERS = List.of("page", "size", "q", "category", "minPrice", "maxPrice",
      "sort");
  private static final String LOGO = "/api/tenant/logo";

  private final Fixtures fixtures;

  RequestGenerator(Fixtures fixtures) {
    this.fixtures = fixtures;
  }

  GeneratedRequest generate(Gen gen) {
    String route = gen.pick(ROUTES);
    String template = route.substring(route.indexOf(' ') + 1);
    String method = gen.chance(0.7) ? route.substring(0, route.indexOf(' ')) : gen.pick(METHODS);
    String target = path(gen, template) + query(gen);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String key = apiKey(gen);
    if (key != null) {
      headers.add(Map.entry("X-Api-Key", key));
    }
    if (gen.chance(0.3)) {
      headers.add(Map.entry("Idempotency-Key", gen.printable(gen.pick(8, 40, 300))));
    }
    if (gen.chance(0.1)) {
      headers.add(Map.entry(gen.pick("Accept", "Accept-Encoding", "X-Forwarded-For", "Expect"),
          gen.pick("*/*", "gzip", "application/xml", "10.0.0." + gen.between(0, 255), "100-continue")));
    }
    byte[] body = new byte[0];
    boolean readsBody = !method.equals("GET") && !method.equals("HEAD") || gen.chance(0.1);
    if (template.equals(LOGO) && readsBody) {
      String boundary = MultipartBodies.boundary(gen);
      contentType(gen, headers, "multipart/form-data; boundary=" + boundary);
      body = MultipartBodies.form(gen, boundary);
    } else if (readsBody) {
      contentType(gen, headers, gen.pick("application/json", "application/json", "application/json; charset=utf-8"));
      body = HostileJson.body(gen, ValidBodies.of(template, gen, fixtures));
    }
    return new GeneratedRequest(route, method, target, headers, body, body.length > 0 && gen.chance(0.15));
  }

  private static void contentType(Gen gen, List<Map.Entry<String, String>> headers, String usual) {
    if (gen.chance(0.1)) {
      return;
    }
    String type = gen.chance(0.8) ? usual : gen.pick("text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b", "application/jsonx", "*/*", "application/json; charset=latin1",
        "application/json; charset=bogus", "", gen.printable(40));
    headers.add(Map.entry("Content-Type", type));
  }

  private String apiKey(Gen gen) {
    return switch (gen.between(0, 19)) {
      case 0, 1 -> null;
      case 2 -> gen.printable(gen.pick(10, 100, 2_000));
      case 3 -> gen.pick("lb-enterprise-999", "lb-", "", "lb-free-1 x");
      case 4 -> fixtures.freeKey();
      case 5, 6 -> fixtures.professionalKey();
      default -> fixtures.enterpriseKey();
    };
  }

  private String path(Gen gen, String template) {
    String path = template.replace("{id}", id(gen));
    return switch (gen.between(0, 29)) {
      case 0 -> path + "/";
      case 1 -> path.replace("/api/", "/api//");
      case 2 -> path.toUpperCase(java.util.Locale.ROOT);
      case 3 -> path + "/" + encode(gen.unicode(8));
      default -> path;
    };
  }

  private String id(Gen gen) {
    return switch (gen.between(0, 11)) {
      case 0, 1, 2, 3 -> Long.toString(gen.pick(fixtures.productIds()));
      case 4 -> Long.toString(gen.pick(fixtures.orderIds()));
      case 5 -> Long.toString(gen.between(1, 3_000));
      case 6 -> gen.pick("0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808");
      case 7 -> "99999999999999999999999999999";
      case 8 -> gen.pick("1.5", "1e3", "0x10", "%201", "+1", "01", "%zz", "%", "%E9", "%2F1");
      case 9 -> encode(gen.unicode(10));
      case 10 -> "";
      default -> gen.alphanumeric(12);
    };
  }

  private static String query(Gen gen) {
    if (gen.chance(0.3)) {
      return "";
    }
    StringBuilder query = new StringBuilder();
    for (int i = gen.between(1, 5); i > 0; i--) {
      String name = gen.chance(0.9) ? gen.pick(PARAMETERS) : encode(gen.unicode(6));
      query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(queryValue(gen));
    }
    return query.toString();
  }

  private static String queryValue(Gen gen) {
    return switch (gen.between(0, 11)) {
      case 0 -> Integer.toString(gen.between(-2, 120));
      case 1 -> gen.pick("0", "-1", "1000000", "1000001", "2147483648", "9223372036854775807");
      case 2 -> "99999999999999999999999";
      case 3 -> gen.pick("1.5", "1e3", "NaN", "Infinity", "", "+5", "%20");
      case 4 -> gen.pick("price_asc", "price_desc", "name", "id", "PRICE_ASC");
      case 5 -> encode("x".repeat(gen.between(190, 210)));
      case 6 -> gen.pick("%", "%zz", "%E9", "%00", "%C0%AE");
      case 7, 8 -> encode(gen.unicode(20));
      default -> encode(gen.alphanumeric(10));
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
