package dev.invokerguard.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the sample policies of {@code src/test/resources/policies}. */
public final class TestPolicies {
  private TestPolicies() {}

  /** A loader for {@code run.routes.invoke} whose conditions compile. */
  public static PolicyLoader loader() {
    return loader(RoleCatalog.builtIn());
  }

  public static PolicyLoader loader(RoleCatalog roles) {
    return PolicyLoader.builder().roles(roles).build();
  }

  /** A test resource under {@code policies/}, e.g. {@code service-invoker.json}. */
  public static PolicyText resource(String name) {
    try (InputStream in = TestPolicies.class.getResourceAsStream("/policies/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test policy " + name);
      }
      return PolicyText.named(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An evaluator over one service-level allow policy. */
  public static PolicyEvaluator serviceEvaluator(String allowPolicyJson) {
    return PolicyEvaluator.of(List.of(loader().loadAllowOrThrow(
        PolicyText.json("inline.json", allowPolicyJson), PolicyLayer.SERVICE)), List.of());
  }

  /** An evaluator over sample resources: a service-level allow policy and optional deny policies. */
  public static PolicyEvaluator resourceEvaluator(String allowResource, String... denyResources) {
    PolicyLoader loader = loader();
    List<LoadedDenyPolicy> deny = java.util.Arrays.stream(denyResources)
        .map(r -> loader.loadDenyOrThrow(resource(r))).toList();
    return PolicyEvaluator.of(List.of(loader.loadAllowOrThrow(resource(allowResource), PolicyLayer.SERVICE)),
        deny);
  }
}
