package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import java.util.Objects;

/**
 * An allow policy document given as text, and the layer it is attached at (the project's, or the
 * service's).
 *
 * @param text the document
 * @param layer where in the resource hierarchy it applies
 */
public record PolicyDocument(PolicyText text, PolicyLayer layer) {
  public PolicyDocument {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(layer, "layer");
  }
}
