package dev.loadbearing.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.observe.LlmSpend;
import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** The assistant chat, answered by one of several simulated LLM providers. */
public final class Assistant {
  /**
   * A correct answer names its provider, counts prompt and completion tokens, and prices them. Every response
   * is handed, unchanged, to {@link LlmSpend} under the session's journey (the scenario when none is set).
   */
  public static final HttpRequestActionBuilder CHAT = Observed.post("POST /api/assistant/chat", "/api/assistant/chat")
      .header("X-Api-Key", "#{" + Keys.API_KEY + "}")
      .asJson()
      .body(StringBody("{\"message\":\"#{" + Keys.PROMPT + "}\"}"))
      .transformResponse((response, session) -> {
        LlmSpend.record(journey(session), response.status().code(), response.body().bytes());
        return response;
      })
      .check(status().is(200), jsonPath("$.provider").notNull(), jsonPath("$.reply").exists(),
          jsonPath("$.promptTokens").ofInt().gt(0), jsonPath("$.completionTokens").ofInt().gt(0),
          jsonPath("$.costUsd").ofDouble().gt(0.0));

  private static String journey(Session session) {
    return session.contains(Keys.JOURNEY) ? session.getString(Keys.JOURNEY) : session.scenario();
  }

  private Assistant() {
  }
}
