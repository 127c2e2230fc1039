package dev.loadbearing.service.tenants;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A tenant's plan and the token bucket it buys (docs/API.md, "Rate limits"). */
public enum Tier {
  FREE(20, 5),
  STARTER(100, 50),
  PROFESSIONAL(500, 250),
  ENTERPRISE(2000, 1000);

  private final int capacity;
  private final int refillPerSecond;
  private final String wireName;

  Tier(int capacity, int refillPerSecond) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Tier> parse(String wireName) {
    for (Tier tier : values()) {
      if (tier.wireName.equals(wireName)) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Tier::wireName).toList();
  }

  public int capacity() {
    return capacity;
  }

  public int refillPerSecond() {
    return refillPerSecond;
  }

  public String wireName() {
    return wireName;
  }
}
