package dev.invokerguard.tck;

import java.util.Map;

/** The suite passes against an adapter that keeps the contract (the JDK server adapter without a fault). */
class JdkServerAdapterContractTest extends AdapterContractSuite {
  @Override
  protected RunningAdapter start(Map<String, String> settings) throws Exception {
    return JdkServerAdapter.start(settings, JdkServerAdapter.Fault.NONE);
  }
}
