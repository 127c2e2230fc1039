package dev.loadbearing.service.catalog;

import dev.loadbearing.service.http.Validate;

/** The body of {@code POST /api/products} and one item of an import; boxed so a missing field is seen. */
public record NewProduct(String sku, String name, String category, Long priceCents, Integer stock) {
  static final long MAX_PRICE_CENTS = 100_000_000_000L;
  static final int MAX_STOCK = 1_000_000_000;

  /** Checks every field; {@code path} prefixes the field names, e.g. {@code products[3].}. */
  NewProduct validated(String path) {
    Validate.text(sku, path + "sku", 1, 64);
    Validate.text(name, path + "name", 1, 200);
    Validate.text(category, path + "category", 1, 50);
    Validate.range(priceCents, path + "priceCents", 0, MAX_PRICE_CENTS);
    Validate.range(stock, path + "stock", 0, MAX_STOCK);
    return this;
  }
}
