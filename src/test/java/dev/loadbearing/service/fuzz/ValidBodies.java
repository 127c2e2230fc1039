package dev.loadbearing.service.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A body each JSON route accepts (or refuses only for its values), the starting point of every mutation. */
final class ValidBodies {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValidBodies() {
  }

  /** The body for {@code template}, or for a route taken at random when the route reads none. */
  static ObjectNode of(String template, Gen gen, Fixtures fixtures) {
    return switch (template) {
      case "/api/tenants" -> NODES.objectNode().put("name", "fuzz " + gen.alphanumeric(12))
          .put("tier", gen.pick("free", "starter", "professional", "enterprise", "gold"));
      case "/api/tenant/settings" -> NODES.objectNode().put("businessName", gen.alphanumeric(20))
          .put("currency", gen.pick("EUR", "USD", "JPY", "XXX", "eur", "EU"))
          .put("timezone", gen.pick("Europe/Paris", "UTC", "+05:00", "GMT+2", "Mars/Olympus", "America/"));
      case "/api/products" -> product(gen);
      case "/api/products/import" -> {
        ObjectNode body = NODES.objectNode();
        for (int i = gen.between(1, 3); i > 0; i--) {
          body.withArray("products").add(product(gen));
        }
        yield body;
      }
      case "/api/products/{id}/stock" -> NODES.objectNode().put("delta", gen.between(-3, 3));
      case "/api/orders" -> {
        ObjectNode body = NODES.objectNode();
        body.withArray("items").addObject().put("productId", gen.pick(fixtures.productIds()))
            .put("quantity", gen.between(1, 3));
        yield body;
      }
      case "/api/assistant/chat" -> NODES.objectNode().put("message", gen.pick("What sells?", gen.unicode(30)));
      default -> of(gen.pick("/api/tenants", "/api/products", "/api/orders", "/api/assistant/chat"), gen, fixtures);
    };
  }

  private static ObjectNode product(Gen gen) {
    return NODES.objectNode().put("sku", "F-" + gen.alphanumeric(20)).put("name", gen.alphanumeric(30))
        .put("category", gen.pick("garden", "kitchen", "toys")).put("priceCents", gen.between(0, 100_000))
        .put("stock", gen.between(0, 1_000));
  }
}
