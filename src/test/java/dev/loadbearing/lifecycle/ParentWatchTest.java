package dev.loadbearing.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParentWatchTest {
  @Test
  void aParentReplacedByAReaperIsGone() {
    assertThat(ParentWatch.isReplaced(4242, 1)).isTrue();
    assertThat(ParentWatch.isReplaced(4242, 977)).isTrue();
  }

  @Test
  void theSameParentOrAnUnknownOneIsNot() {
    assertThat(ParentWatch.isReplaced(4242, 4242)).isFalse();
    // What currentParentPid() answers when /proc cannot be read (no file descriptor left): keep watching.
    assertThat(ParentWatch.isReplaced(4242, -1)).isFalse();
  }

  @Test
  void thisJvmHasAParent() {
    assertThat(ParentWatch.currentParentPid()).isPositive();
  }
}
