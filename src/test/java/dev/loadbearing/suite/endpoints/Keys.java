package dev.loadbearing.suite.endpoints;

/** Session keys shared by endpoints and journeys; one constant each so a typo cannot compile. */
public final class Keys {
  public static final String API_KEY = "apiKey";
  public static final String TIER = "tier";
  public static final String TENANT_NAME = "tenantName";
  public static final String SKU = "sku";
  public static final String PRODUCT_ID = "productId";
  public static final String OTHER_PRODUCT_ID = "otherProductId";
  public static final String FOREIGN_PRODUCT_ID = "foreignProductId";
  public static final String ORDER_ID = "orderId";
  public static final String SEARCH_TERM = "searchTerm";
  public static final String CATEGORY = "category";
  public static final String MIN_PRICE = "minPrice";
  public static final String MAX_PRICE = "maxPrice";
  public static final String SORT = "sort";
  public static final String PAGE = "page";
  public static final String QUANTITY = "quantity";
  public static final String STOCK = "stock";
  public static final String DELTA = "delta";
  public static final String IMPORT_SIZE = "importSize";
  public static final String PROMPT = "prompt";
  public static final String STATUS = "status";
  public static final String RETRY_AFTER = "retryAfter";
  public static final String ATTEMPTS = "attempts";
  /** A fresh UUID per order, sent again with each retry of that order. */
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";
  /** The journey a user runs, set by journeys that chat: the LLM spend is counted per journey. */
  public static final String JOURNEY = "journey";

  private Keys() {
  }
}
