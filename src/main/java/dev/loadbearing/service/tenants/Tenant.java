package dev.loadbearing.service.tenants;

/** A tenant as the service keeps it in memory; the business fields are null until settings are saved. */
public record Tenant(long id, String name, Tier tier, String businessName, String currency, String timezone) {
}
