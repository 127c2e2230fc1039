package dev.loadbearing.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiagnosisConfigTest {
  private static final Config REFERENCE = ConfigFactory.parseResources("diagnosis.conf");

  private static DiagnosisConfig with(String hocon) {
    return DiagnosisConfig.from(ConfigFactory.parseString(hocon).withFallback(REFERENCE).resolve(), REFERENCE);
  }

  @Test
  void theDocumentedDefaultsAreRead() {
    DiagnosisConfig c = DiagnosisConfig.defaults();
    assertThat(c.injectorSaturated().injectorCpuShare()).isEqualTo(0.85);
    assertThat(c.gc().warningTimeShare()).isEqualTo(0.05);
    assertThat(c.locks().maxWait()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.leak().minDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.leak().subjects()).extracting(DiagnosisConfig.LeakSubject::series)
        .containsExactly("target.jvm_memory_heap_after_gc_bytes", "service.rss_bytes", "service.threads",
            "service.open_fds", "db.sessions");
  }

  @Test
  void aValueCanBeOverridden() {
    assertThat(with("diagnosis.gc.warning-time-share = 0.1").gc().warningTimeShare()).isEqualTo(0.1);
  }

  @Test
  void anUnknownKeyFailsNamingIt() {
    assertThatThrownBy(() -> with("diagnosis.gc.warn-share = 0.1"))
        .hasMessageContaining("unknown key(s) [diagnosis.gc.warn-share]");
  }

  @Test
  void aValueOutOfRangeOrOfTheWrongTypeFailsNamingTheKey() {
    assertThatThrownBy(() -> with("diagnosis.pool.min-time-share = 3"))
        .hasMessageContaining("diagnosis.pool.min-time-share = 3.0 is out of range")
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> with("diagnosis.rate-limit.warning-percent = lots"))
        .hasMessageContaining("diagnosis.rate-limit.warning-percent").hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> with("diagnosis.gc { warning-time-share = 0.2, critical-time-share = 0.1 }"))
        .hasMessageContaining("critical-time-share (0.1) must be at least");
  }
}
