package dev.invokerguard.samples.enduser;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The end-user sample uses only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
