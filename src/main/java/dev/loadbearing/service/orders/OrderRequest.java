package dev.loadbearing.service.orders;

import dev.loadbearing.service.http.ApiException;
import dev.loadbearing.service.http.Validate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/orders}; boxed fields so that a missing one is told from a zero. */
record OrderRequest(List<Line> items) {
  static final int MAX_ITEMS = 50;
  static final int MAX_QUANTITY = 1_000;

  record Line(Long productId, Integer quantity) {
  }

  int indexOf(long productId) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).productId() == productId) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks every line and returns them sorted by productId: every order then locks product rows in the
   * same order, so two concurrent orders cannot deadlock. A product listed twice is refused rather than
   * merged, since it is most likely a client bug.
   */
  List<Line> validatedLines() {
    Validate.required(items, "items");
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw ApiException.badRequest("items",
          "Field 'items' must hold 1 to " + MAX_ITEMS + " items, not " + items.size());
    }
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "items[" + i + "]";
      Line line = Validate.required(items.get(i), path);
      Validate.range(line.productId(), path + ".productId", 1, Long.MAX_VALUE);
      Validate.range(line.quantity(), path + ".quantity", 1, MAX_QUANTITY);
      Integer earlier = seen.putIfAbsent(line.productId(), i);
      if (earlier != null) {
        throw ApiException.badRequest(path + ".productId", "Product " + line.productId()
            + " is listed twice (also at items[" + earlier + "]); put the total quantity on one item");
      }
    }
    List<Line> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(Line::productId));
    return sorted;
  }
}
