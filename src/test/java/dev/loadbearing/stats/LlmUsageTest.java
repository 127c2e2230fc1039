package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmUsageTest {
  private static final LlmUsage.Chats A = new LlmUsage.Chats(10, 9, 1, 2, 90, 360, 0.006);
  private static final LlmUsage.Chats B = new LlmUsage.Chats(5, 5, 0, 0, 50, 200, 0.004);
  private static final LlmUsage.Provider SWIFT = new LlmUsage.Provider(10, 9, 0, 1, 90, 360, 0.006);

  @Test
  void costPerVirtualUserHourIsTheTotalCostOverTheUsersTime() {
    LlmUsage usage = new LlmUsage(A, Map.of("assistant", A), Map.of(), null, null).over(1_800_000);
    assertThat(usage.virtualUserHours()).isEqualTo(0.5);
    assertThat(usage.costPerVirtualUserHour()).isCloseTo(0.012, within(1e-12));
    assertThat(new LlmUsage(A, Map.of(), Map.of(), null, null).over(0).costPerVirtualUserHour()).isNull();
  }

  @Test
  void injectorsAddUpPerJourneyAndProviderAndTheHourlyCostIsRecomputed() {
    LlmUsage one = new LlmUsage(A, Map.of("assistant", A), Map.of("swift-llm", SWIFT), 0.5, 0.012);
    LlmUsage two = new LlmUsage(B, Map.of("assistant", B), Map.of("swift-llm", SWIFT), 1.5, 0.004 / 1.5);
    LlmUsage merged = LlmUsage.merge(Arrays.asList(one, null, two));
    assertThat(merged.total().chats()).isEqualTo(15);
    assertThat(merged.journeys().get("assistant").fallbacks()).isEqualTo(2);
    assertThat(merged.providers().get("swift-llm").timedOut()).isEqualTo(2);
    assertThat(merged.virtualUserHours()).isEqualTo(2.0);
    assertThat(merged.costPerVirtualUserHour()).isCloseTo(0.005, within(1e-12));
    assertThat(LlmUsage.merge(Arrays.asList(null, null))).isNull();
    assertThat(LlmUsage.merge(List.of(one, new LlmUsage(B, Map.of(), Map.of(), null, null))).virtualUserHours())
        .isNull();
  }
}
