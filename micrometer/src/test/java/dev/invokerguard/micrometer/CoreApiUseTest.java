package dev.invokerguard.micrometer;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The meters use only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
