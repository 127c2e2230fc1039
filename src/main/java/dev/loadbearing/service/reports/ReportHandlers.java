package dev.loadbearing.service.reports;

import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.tenants.Tenant;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/** Reports over the calling tenant's catalogue and orders. */
public final class ReportHandlers {
  private final ReportRepository reports;

  public ReportHandlers(Database database) {
    this.reports = new ReportRepository(database);
  }

  record Inventory(List<ReportRepository.CategoryLine> categories) {
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' localhost:8080/api/reports/inventory} */
  public Reply inventory(HttpServerExchange exchange, Tenant tenant) throws Exception {
    return Reply.ok(new Inventory(reports.inventory(tenant.id())));
  }

  /** {@code curl -H 'X-Api-Key: lb-free-1' localhost:8080/api/admin/consistency}: all zero when healthy. */
  public Reply consistency(HttpServerExchange exchange, Tenant tenant) throws Exception {
    return Reply.ok(reports.consistency(tenant.id()));
  }
}
