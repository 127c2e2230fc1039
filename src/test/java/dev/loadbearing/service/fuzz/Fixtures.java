package dev.loadbearing.service.fuzz;

import dev.loadbearing.service.support.Http;
import dev.loadbearing.service.support.Products;
import dev.loadbearing.service.support.Response;
import dev.loadbearing.service.support.TestService;
import java.util.ArrayList;
import java.util.List;

/**
 * What generated requests point at: API keys of tenants signed up for this test (so nothing it does touches the
 * seed tenants other tests read, and the enterprise bucket never runs dry), and ids of their products and orders.
 */
record Fixtures(String enterpriseKey, String professionalKey, String freeKey, List<Long> productIds,
                List<Long> orderIds) {

  static Fixtures create() {
    String enterpriseKey = signUp("enterprise");
    Http enterprise = TestService.anonymous().withKey(enterpriseKey);
    List<Long> products = new ArrayList<>();
    List<Long> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      products.add(Products.create(enterprise, 1_000 + i, 1_000_000));
      Response order = enterprise.post("/api/orders", "{\"items\":[{\"productId\":" + products.get(i)
          + ",\"quantity\":1}]}");
      if (order.status() != 201) {
        throw new IllegalStateException("Placing an order failed: " + order);
      }
      orders.add(order.id());
    }
    return new Fixtures(enterpriseKey, signUp("professional"), signUp("free"), List.copyOf(products),
        List.copyOf(orders));
  }

  private static String signUp(String tier) {
    Response signup = TestService.anonymous().post("/api/tenants",
        "{\"name\":\"fuzz " + tier + "\",\"tier\":\"" + tier + "\"}");
    if (signup.status() != 201) {
      throw new IllegalStateException("Signup failed: " + signup);
    }
    return signup.json().get("apiKey").asText();
  }
}
