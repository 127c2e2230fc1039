package dev.loadbearing.service.assistant;

import dev.loadbearing.service.http.Json;
import dev.loadbearing.service.http.Reply;
import dev.loadbearing.service.http.Validate;
import dev.loadbearing.service.tenants.Tenant;
import io.undertow.server.HttpServerExchange;

/** {@code curl -H 'X-Api-Key: lb-free-1' --json '{"message":"What sells?"}' localhost:8080/api/assistant/chat} */
public final class AssistantHandlers {
  private final Assistant assistant;

  public AssistantHandlers(Assistant assistant) {
    this.assistant = assistant;
  }

  record ChatRequest(String message) {
  }

  public Reply chat(HttpServerExchange exchange, Tenant tenant) throws Exception {
    String message = Validate.text(Json.read(exchange, ChatRequest.class).message(), "message", 1, 4_000);
    return Reply.ok(assistant.chat(tenant.id(), message));
  }
}
