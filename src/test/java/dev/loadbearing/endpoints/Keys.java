package dev.loadbearing.endpoints;

/** Session keys shared by endpoints and journeys; one constant each so a typo cannot compile. */
public final class Keys {
  public static final String API_KEY = "apiKey";
  public static final String TENANT_NAME = "tenantName";
  public static final String SKU = "sku";
  public static final String PRODUCT_ID = "productId";
  public static final String ORDER_ID = "orderId";
  public static final String SEARCH_TERM = "searchTerm";
  public static final String CATEGORY = "category";
  public static final String PAGE = "page";
  public static final String QUANTITY = "quantity";
  public static final String PROMPT = "prompt";

  private Keys() {
  }
}
