package dev.invokerguard.servlet;

import dev.invokerguard.DecisionCounts;
import dev.invokerguard.tck.AdapterContractSuite;
import dev.invokerguard.tck.RunningAdapter;
import java.net.URI;
import java.util.Map;

/**
 * The adapter contract suite against the filter as a container configures it: the settings are the
 * filter's init parameters, in an embedded Jetty 12 in front of the contract's echo servlet.
 */
class InvokerGuardFilterContractTest extends AdapterContractSuite {
  @Override
  protected RunningAdapter start(Map<String, String> settings) throws Exception {
    InvokerGuardFilter filter = new InvokerGuardFilter();
    GuardedJetty jetty = new GuardedJetty(filter, settings);
    return new RunningAdapter() {
      @Override
      public URI baseUri() {
        return URI.create("http://127.0.0.1:" + jetty.port());
      }

      @Override
      public DecisionCounts counts() {
        return filter.guard().counts();
      }

      @Override
      public void stop() throws Exception {
        jetty.close();
      }
    };
  }
}
