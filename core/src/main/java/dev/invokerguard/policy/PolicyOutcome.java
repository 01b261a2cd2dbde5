package dev.invokerguard.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the policies say about one caller and request.
 *
 * @param reason why
 * @param grantedBy the granting binding member when {@link Reason#GRANTED}, else {@code null}
 * @param deniedBy the deny rule when {@link Reason#DENIED_BY_RULE}, else {@code null}
 * @param notes conditions that could not be evaluated, groups that could not be resolved (for logs)
 */
public record PolicyOutcome(Reason reason, @Nullable GrantedBy grantedBy, @Nullable DeniedBy deniedBy, List<String> notes) {

  /** Why a request is allowed or not. */
  public enum Reason {
    /** An allow binding grants the permission and no deny rule applies. */
    GRANTED,
    /** A deny rule applies (deny is evaluated first and wins). */
    DENIED_BY_RULE,
    /** No allow binding grants the permission to the caller for this request. */
    NO_BINDING
  }

  public PolicyOutcome {
    Objects.requireNonNull(reason, "reason");
    notes = List.copyOf(notes);
    if ((reason == Reason.GRANTED) != (grantedBy != null)
        || (reason == Reason.DENIED_BY_RULE) != (deniedBy != null)) {
      throw new IllegalArgumentException("grantedBy goes with GRANTED, deniedBy with DENIED_BY_RULE");
    }
  }

  public boolean allowed() {
    return reason == Reason.GRANTED;
  }
}
