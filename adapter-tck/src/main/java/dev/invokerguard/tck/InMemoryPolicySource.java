package dev.invokerguard.tck;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicyDocument;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySources;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link PolicySource} an application (or a test) holds in memory and replaces at will: the kind of source
 * a framework adapter must accept as a bean instead of {@code invokerguard.policy}. Each policy is an
 * <a href="https://cloud.google.com/iam/docs/reference/rest/v1/Policy">IAM policy</a> document in JSON, loaded
 * as the service's layer by the core's loader; a document that does not load is refused and changes nothing.
 */
public final class InMemoryPolicySource implements PolicySource {
  private final AtomicReference<PolicySnapshot> served;

  private InMemoryPolicySource(PolicySnapshot first) {
    this.served = new AtomicReference<>(first);
  }

  /**
   * A source serving this policy.
   *
   * @throws dev.invokerguard.policy.PolicyLoadException when the document does not load
   */
  public static InMemoryPolicySource of(String policyJson) {
    return new InMemoryPolicySource(load(policyJson));
  }

  /**
   * Serves this policy from the next request on.
   *
   * @throws dev.invokerguard.policy.PolicyLoadException when the document does not load (the old one stays)
   */
  public void replace(String policyJson) {
    served.set(load(policyJson));
  }

  @Override
  public Optional<PolicySnapshot> current() {
    return Optional.of(served.get());
  }

  private static PolicySnapshot load(String policyJson) {
    PolicyDocument document = new PolicyDocument(PolicyText.json("in-memory", policyJson), PolicyLayer.SERVICE);
    try (var source = PolicySources.load(List.of(document), PolicySourceOptions.defaults())) {
      return source.current().orElseThrow();
    }
  }
}
