package dev.loadbearing.service.catalog;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Page;
import dev.loadbearing.service.http.Query;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.http.Validate;
import dev.loadbearing.service.idempotency.Idempotency;
import dev.loadbearing.service.tenants.Tenant;
import io.undertow.server.HttpServerExchange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue endpoints; every one answers for the calling tenant only. */
public final class CatalogHandlers {
  static final int MAX_IMPORT = 5_000;
  /** The largest import body; 5,000 products with long names fit. */
  public static final long MAX_IMPORT_BYTES = 8L * 1024 * 1024;
  /**
   * JSON tokens an import may hold: a product is 12 (braces, five names, five values), so 16 per product leaves
   * room for one too many (refused as a 400 naming the count) and stops an array of millions of {@code {}} early.
   */
  private static final long MAX_IMPORT_TOKENS = MAX_IMPORT * 16L + 16;
  private static final String IMPORT_ROUTE = "POST /api/products/import";
  private final ProductRepository products;
  private final Idempotency idempotency;

  public CatalogHandlers(Database database, Idempotency idempotency) {
    this.products = new ProductRepository(database);
    this.idempotency = idempotency;
  }

  record StockChange(Integer delta) {
  }

  record Import(List<NewProduct> products) {
  }

  record Imported(int imported) {
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' 'localhost:8080/api/products?page=1&size=20'} */
  public Reply list(HttpServerExchange exchange, Tenant tenant) throws Exception {
    return Reply.ok(products.page(tenant.id(), Page.Request.of(exchange)));
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' 'localhost:8080/api/products/search?q=lamp&sort=price_asc'} */
  public Reply search(HttpServerExchange exchange, Tenant tenant) throws Exception {
    return Reply.ok(products.search(tenant.id(), SearchQuery.of(exchange)));
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' localhost:8080/api/products/1} */
  public Reply get(HttpServerExchange exchange, Tenant tenant) throws Exception {
    long id = Query.id(exchange, "id");
    return Reply.ok(products.find(tenant.id(), id).orElseThrow(() -> ApiException.notFound("Product " + id)));
  }

  /**
   * {@code curl -H 'X-Api-Key: lb-free-1'
   * --json '{"sku":"A1","name":"Lamp","category":"garden","priceCents":999,"stock":5}' localhost:8080/api/products}
   * → 201 product, or 409 duplicate_sku.
   */
  public Reply create(HttpServerExchange exchange, Tenant tenant) throws Exception {
    NewProduct product = Json.read(exchange, NewProduct.class).validated("");
    return Reply.created(products.create(tenant.id(), product).orElseThrow(() -> new ApiException(409,
        "duplicate_sku", "You already have a product with SKU '" + product.sku() + "'", "sku", Map.of())));
  }

  /** {@code curl -X PATCH -H 'X-Api-Key: lb-free-1' --json '{"delta":-1}' …/api/products/1/stock} */
  public Reply adjustStock(HttpServerExchange exchange, Tenant tenant) throws Exception {
    long id = Query.id(exchange, "id");
    int delta = Validate.range(Json.read(exchange, StockChange.class).delta(), "delta", -NewProduct.MAX_STOCK,
        NewProduct.MAX_STOCK);
    Optional<Product> changed = products.adjustStock(tenant.id(), id, delta);
    if (changed.isPresent()) {
      return Reply.ok(changed.get());
    }
    if (products.find(tenant.id(), id).isEmpty()) {
      throw ApiException.notFound("Product " + id);
    }
    throw new ApiException(409, "insufficient_stock", "Product " + id + " has less stock than " + -delta,
        "delta", Map.of());
  }

  /**
   * {@code curl -H 'X-Api-Key: lb-free-1' [-H 'Idempotency-Key: …'] --json '{"products":[{...}]}'
   * …/api/products/import}: all or nothing. Its request hash covers the validated products, in the order sent.
   */
  public Reply importAll(HttpServerExchange exchange, Tenant tenant) throws Exception {
    List<NewProduct> items = Validate.required(Json.read(exchange, Import.class, MAX_IMPORT_TOKENS).products(),
        "products");
    if (items.isEmpty() || items.size() > MAX_IMPORT) {
      throw ApiException.badRequest("products", "Field 'products' must hold 1 to " + MAX_IMPORT + " products, not "
          + items.size());
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "products[" + i + "]";
      Validate.required(items.get(i), path).validated(path + ".");
      Integer earlier = firstIndex.putIfAbsent(items.get(i).sku(), i);
      if (earlier != null) {
        throw ApiException.badRequest(path + ".sku", "SKU '" + items.get(i).sku() + "' appears twice, also at products["
            + earlier + "]");
      }
    }
    return idempotency.run(exchange, tenant.id(), IMPORT_ROUTE, items, (connection, key) -> {
      List<String> existing = ProductRepository.importAll(connection, tenant.id(), items);
      if (!existing.isEmpty()) {
        String sku = existing.get(0);
        throw new ApiException(409, "duplicate_sku", existing.size() + " SKU(s) already exist, e.g. '" + sku
            + "'; nothing was imported", "products[" + firstIndex.get(sku) + "].sku", Map.of());
      }
      return Reply.created(new Imported(items.size()));
    });
  }
}
