package dev.loadbearing.service.catalog;

/** A product as the API shows it; money in integer cents. */
public record Product(long id, String sku, String name, String category, long priceCents, int stock) {
}
