package dev.loadbearing.service.orders;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Page;
import dev.loadbearing.service.http.Query;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.idempotency.Idempotency;
import dev.loadbearing.service.tenants.Tenant;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/** Placing and reading orders, for the calling tenant only. */
public final class OrderHandlers {
  private static final String ROUTE = "POST /api/orders";
  private final OrderRepository orders;
  private final Idempotency idempotency;

  public OrderHandlers(Database database, Idempotency idempotency) {
    this.orders = new OrderRepository(database);
    this.idempotency = idempotency;
  }

  /**
   * {@code curl -H 'X-Api-Key: lb-free-1' -H 'Idempotency-Key: 7f3c…' --json '{"items":[{"productId":1,"quantity":2}]}'
   * localhost:8080/api/orders}; the key is optional. Its request hash covers the validated lines, sorted by product.
   */
  public Reply create(HttpServerExchange exchange, Tenant tenant) throws Exception {
    OrderRequest request = Json.read(exchange, OrderRequest.class);
    List<OrderRequest.Line> lines = request.validatedLines();
    return idempotency.run(exchange, tenant.id(), ROUTE, lines, (connection, key) -> {
      OrderRepository.Placement placement = orders.place(connection, tenant.id(), lines, key);
      if (placement.order() != null) {
        return Reply.created(placement.order());
      }
      throw refusal(request, placement);
    });
  }

  private static ApiException refusal(OrderRequest request, OrderRepository.Placement placement) {
    long productId = placement.refusedProductId();
    String field = "items[" + request.indexOf(productId) + "].productId";
    if (placement.productMissing()) {
      return new ApiException(404, "not_found", "Product " + productId + " was not found; nothing was ordered", field,
          Map.of());
    }
    return new ApiException(409, "out_of_stock", "Product " + productId
        + " has less stock than the order asks for; nothing was ordered", field, Map.of());
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' localhost:8080/api/orders/1} */
  public Reply get(HttpServerExchange exchange, Tenant tenant) throws Exception {
    long id = Query.id(exchange, "id");
    return Reply.ok(orders.find(tenant.id(), id).orElseThrow(() -> ApiException.notFound("Order " + id)));
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' 'localhost:8080/api/orders?page=1&size=20'} */
  public Reply list(HttpServerExchange exchange, Tenant tenant) throws Exception {
    return Reply.ok(orders.page(tenant.id(), Page.Request.of(exchange)));
  }
}
