package dev.loadbearing.service.orders;

import java.util.List;

/** An order as the API shows it; items are in productId order, createdAt is an ISO-8601 instant. */
public record Order(long id, long totalCents, List<Item> items, String createdAt) {

  public record Item(long productId, int quantity, long unitPriceCents) {
  }
}
