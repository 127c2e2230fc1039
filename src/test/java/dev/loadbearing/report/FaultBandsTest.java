package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Chaos run's fault windows are marked on report.html's timeline, beside the profile's phases. */
class FaultBandsTest {
  private static final String STATS = "{\"run\": {\"start\": 1000000, \"parameters\": {\"phases\": "
      + "[{\"name\": \"steady\", \"startMs\": 0, \"lengthMs\": 90000}]}}, \"chaos\": {\"faults\": ["
      + "{\"name\": \"stall\", \"beganAt\": 1020000, \"endedAt\": 1025000},"
      + "{\"name\": \"never\", \"beganAt\": 0, \"endedAt\": 0}]}}";

  @Test
  void faultWindowsBecomeBandsNamedAfterTheFaultAndDrawnAsFaults() throws Exception {
    List<Chart.Band> bands = RunReport.phases(new ObjectMapper().readTree(STATS));
    assertThat(bands).containsExactly(new Chart.Band("steady", 0, 90), new Chart.Band("fault stall", 20, 25));

    String svg = SvgChart.render(new Chart("requests", "req/s", List.of(new Chart.Line("all",
        new double[] {0, 90}, new double[] {1, 1})), bands));
    assertThat(svg).contains("class=\"phase fault\"").contains(">fault stall<");
  }
}
