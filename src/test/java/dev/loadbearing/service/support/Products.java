package dev.loadbearing.service.support;

import java.util.UUID;

/** Creates products for a test's own tenant. */
public final class Products {
  private Products() {
  }

  public static long create(Http tenant, String name, String category, long priceCents, int stock) {
    String sku = "T-" + UUID.randomUUID();
    Response created = tenant.post("/api/products", "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"category\":\""
        + category + "\",\"priceCents\":" + priceCents + ",\"stock\":" + stock + "}");
    if (created.status() != 201) {
      throw new IllegalStateException("Creating a product failed: " + created);
    }
    return created.id();
  }

  public static long create(Http tenant, long priceCents, int stock) {
    return create(tenant, "Test item", "garden", priceCents, stock);
  }

  public static int stock(Http tenant, long productId) {
    return tenant.get("/api/products/" + productId).json().get("stock").asInt();
  }
}
