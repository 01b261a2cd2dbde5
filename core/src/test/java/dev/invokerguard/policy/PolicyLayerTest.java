package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyLayerTest {

  @Test
  void ofPositionWhenLastOfSeveralThenServiceAndOthersProject() {
    assertThat(PolicyLayer.ofPosition(0, 1)).isEqualTo(PolicyLayer.SERVICE);
    assertThat(PolicyLayer.ofPosition(0, 3)).isEqualTo(PolicyLayer.PROJECT);
    assertThat(PolicyLayer.ofPosition(1, 3)).isEqualTo(PolicyLayer.PROJECT);
    assertThat(PolicyLayer.ofPosition(2, 3)).isEqualTo(PolicyLayer.SERVICE);
  }

  @Test
  void ofPositionWhenOutsideTheListThenRejected() {
    assertThatThrownBy(() -> PolicyLayer.ofPosition(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
