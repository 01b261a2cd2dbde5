package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.IsolatedClassLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The YAML reader (jackson-dataformat-yaml, SnakeYAML) is loaded only for a YAML document: a service whose
 * policies are JSON (a {@code gcloud run services get-iam-policy --format=json} file, a {@code cloudrun://}
 * policy) does not pay for it at start-up. Each case runs in a fresh class loader over the test class path.
 */
class YamlLoadedOnDemandTest {
  private static final String POLICY = "{\"bindings\": [{\"role\": \"roles/run.invoker\","
      + " \"members\": [\"user:alice@example.com\"]}]}";

  @Test
  void loadAllowWhenTheDocumentIsJsonThenNoYamlClassIsLoaded() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      assertThat(loader.apply(LoadInIsolation.class, "json")).isEqualTo("loaded 1");

      assertThat(loader.loaded("com.fasterxml.jackson.dataformat.yaml.YAMLFactory")).isFalse();
      assertThat(loader.loaded("org.yaml.snakeyaml.LoaderOptions")).isFalse();
    }
  }

  @Test
  void loadAllowWhenTheDocumentIsYamlThenTheYamlReaderIsLoadedAndReadsIt() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      assertThat(loader.apply(LoadInIsolation.class, "yaml")).isEqualTo("loaded 1");

      assertThat(loader.loaded("com.fasterxml.jackson.dataformat.yaml.YAMLFactory")).isTrue();
      assertThat(loader.loaded("org.yaml.snakeyaml.LoaderOptions")).isTrue();
    }
  }

  /** Loads the policy in the isolated class loader; returns how many bindings it read, or its errors. */
  public static final class LoadInIsolation implements Function<String, String> {
    @Override
    public String apply(String format) {
      PolicyText text = format.equals("yaml")
          ? PolicyText.yaml("policy.yaml", POLICY)   // JSON is valid YAML (flow style)
          : PolicyText.json("policy.json", POLICY);
      LoadResult<LoadedAllowPolicy> result = PolicyLoader.defaults().loadAllow(text, PolicyLayer.SERVICE);
      return result.isLoaded() ? "loaded " + result.orThrow().policy().bindings().size() : "errors "
          + result.errors();
    }
  }
}
