package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;

import dev.loadbearing.suite.config.JourneyConfig;
import dev.loadbearing.suite.endpoints.Assistant;
import dev.loadbearing.suite.endpoints.Health;
import dev.loadbearing.suite.endpoints.Keys;
import io.gatling.javaapi.core.ChainBuilder;

/** An assistant user: chat (answer names provider, tokens, cost), or glance at health or metrics; then think. */
public final class AssistantUser {
  /** The journey's name, as in the workloads' mix; its chats are counted under it. */
  public static final String NAME = "assistant";

  private AssistantUser() {
  }

  public static ChainBuilder journey(JourneyConfig journeys) {
    JourneyConfig.Journey assistant = journeys.assistant();
    return exec(session -> session.set(Keys.JOURNEY, NAME)).randomSwitch().on(
            percent(assistant.weight("chat")).then(chat()),
            percent(assistant.weight("health")).then(group("health").on(exec(Health.HEALTH))),
            percent(assistant.weight("metrics")).then(group("metrics").on(exec(Health.METRICS))))
        .exec(Think.of(assistant));
  }

  /** One chat with a prompt from the feeder, no think time. */
  public static ChainBuilder chat() {
    return exec(session -> session.set(Keys.JOURNEY, NAME)).exec(group("chat").on(feed(Feeders.PROMPTS)
        .exec(Assistant.CHAT)));
  }
}
