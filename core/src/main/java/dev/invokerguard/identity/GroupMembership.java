package dev.invokerguard.identity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether the caller being decided is in one group, directly or through nested groups, as IAM counts group
 * grants (<a href="https://cloud.google.com/iam/docs/groups-in-cloud-console">Google groups in IAM</a>). The
 * policy evaluator asks it one group at a time, and only about groups that could decide the request: groups
 * named by a binding whose role grants the permission and whose condition holds, once the caller's other
 * bindings granted nothing, and groups named by deny rules when the caller would otherwise be granted.
 */
@FunctionalInterface
public interface GroupMembership {

  /**
   * @param groupEmail the group's email, as {@link Callers#foldCase} gives it
   * @return the answer; {@link Answer.State#UNKNOWN} when it could not be had (it never grants, and a deny
   *     rule naming the group then applies)
   */
  Answer check(String groupEmail);

  /**
   * One answer.
   *
   * @param state member, not a member, or unknown
   * @param problem why the answer is unknown, or {@code null}
   */
  record Answer(State state, @Nullable String problem) {
    private static final Answer MEMBER = new Answer(State.MEMBER, null);
    private static final Answer NOT_MEMBER = new Answer(State.NOT_MEMBER, null);

    /** What is known of one membership. */
    public enum State { MEMBER, NOT_MEMBER, UNKNOWN }

    public Answer {
      Objects.requireNonNull(state, "state");
      if ((state == State.UNKNOWN) != (problem != null)) {
        throw new IllegalArgumentException("an unknown answer, and only that, says why");
      }
    }

    /** The caller is in the group. */
    public static Answer member() {
      return MEMBER;
    }

    /** The caller is not in the group. */
    public static Answer notMember() {
      return NOT_MEMBER;
    }

    /** The membership could not be had. */
    public static Answer unknown(String problem) {
      return new Answer(State.UNKNOWN, problem);
    }

    /** The answer as a boolean, or {@code null} when unknown. */
    public @Nullable Boolean asBoolean() {
      return state == State.UNKNOWN ? null : state == State.MEMBER;
    }
  }
}
