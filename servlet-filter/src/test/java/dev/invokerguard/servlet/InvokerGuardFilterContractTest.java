package dev.invokerguard.servlet;

import dev.invokerguard.DecisionCounts;
import dev.invokerguard.tck.AdapterContractSuite;
import dev.invokerguard.tck.RunningAdapter;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter contract suite against the filter as a container configures it: the settings are the
 * filter's init parameters, in an embedded Jetty 12 in front of the contract's echo servlet. Health is read
 * from the runtime the filter publishes ({@link InvokerGuardFilter#runtime()}).
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

      /** The filter publishes the runtime it started; its health is the guard's, untranslated. */
      @Override
      public Optional<String> healthStatus() {
        return filter.runtime().map(runtime -> runtime.health().status().name());
      }

      @Override
      public void stop() throws Exception {
        jetty.close();
      }
    };
  }
}
