package dev.invokerguard.policy;

import dev.invokerguard.identity.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PolicyEvaluator} over loaded policies, with a map from member key to grants and deny rules. */
final class IamPolicyEvaluator implements PolicyEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(IamPolicyEvaluator.class);
  private static final AllowEntry[] NO_GRANTS = new AllowEntry[0];

  /** A grant with its global position (layer order, then binding order) and its policy. */
  private record AllowEntry(int order, LoadedAllowPolicy policy, Grant grant) {}

  /** A deny rule reached through one of its principals. */
  private record DenyEntry(LoadedDenyPolicy policy, DenyRuleEntry rule, String principal) {}

  private final Map<String, AllowEntry[]> grantsByMember;
  private final Map<String, DenyEntry[]> denialsByMember;
  /** Denials by the loose form of their email principals ({@link MemberForms#looseEmailKey}). */
  private final Map<String, DenyEntry[]> denialsByLooseEmail;
  /** Whether a denied email is not plain ASCII: then every caller's email is also looked up loosely. */
  private final boolean looseForEveryCaller;
  private final List<DenyEntry> denialsNamingGroups;
  private final List<LoadedAllowPolicy> allow;
  private final List<LoadedDenyPolicy> deny;

  IamPolicyEvaluator(List<LoadedAllowPolicy> allow, List<LoadedDenyPolicy> deny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    String permission = null;
    Map<String, List<AllowEntry>> grants = new HashMap<>();
    int order = 0;
    for (LoadedAllowPolicy policy : allow) {
      permission = samePermission(permission, policy.permission());
      for (Grant grant : policy.grants()) {
        grants.computeIfAbsent(grant.key(), k -> new ArrayList<>()).add(new AllowEntry(order++, policy, grant));
      }
    }
    Map<String, List<DenyEntry>> denials = new HashMap<>();
    Map<String, List<DenyEntry>> looseDenials = new HashMap<>();
    boolean nonAscii = false;
    List<DenyEntry> groupDenials = new ArrayList<>();
    for (LoadedDenyPolicy policy : deny) {
      permission = samePermission(permission, policy.permission());
      for (DenyRuleEntry rule : policy.rules()) {
        DenyEntry firstGroup = null;
        for (Map.Entry<String, String> principal : rule.denied().entrySet()) {
          DenyEntry entry = new DenyEntry(policy, rule, principal.getValue());
          denials.computeIfAbsent(principal.getKey(), k -> new ArrayList<>()).add(entry);
          String loose = MemberForms.looseEmailKey(principal.getKey());
          if (loose != null) {
            looseDenials.computeIfAbsent(loose, k -> new ArrayList<>()).add(entry);
            nonAscii |= !isAscii(principal.getKey());
          }
          if (firstGroup == null && principal.getKey().startsWith("group:")) {
            firstGroup = entry;
          }
        }
        if (firstGroup != null) {
          groupDenials.add(firstGroup);
        }
      }
    }
    this.grantsByMember = new HashMap<>();
    grants.forEach((k, v) -> grantsByMember.put(k, v.toArray(NO_GRANTS)));
    this.denialsByMember = new HashMap<>();
    denials.forEach((k, v) -> denialsByMember.put(k, v.toArray(new DenyEntry[0])));
    this.denialsByLooseEmail = new HashMap<>();
    looseDenials.forEach((k, v) -> denialsByLooseEmail.put(k, v.toArray(new DenyEntry[0])));
    this.looseForEveryCaller = nonAscii;
    this.denialsNamingGroups = List.copyOf(groupDenials);
  }

  @Override
  public PolicyOutcome evaluate(Caller caller, RequestAttributes request) {
    return evaluate(caller, request, null);
  }

  /**
   * The one evaluation: deny rules through the member index (and, for a caller whose groups are unknown,
   * every rule naming a group), then the caller's grants in policy order. The tracer, given only when a
   * decision is explained, hears every rule and grant visited; without one nothing is recorded or allocated.
   */
  PolicyOutcome evaluate(Caller caller, RequestAttributes request, @Nullable PolicyTracer tracer) {
    Evaluation evaluation = new Evaluation(caller, request, tracer);
    List<String> members = caller.members();
    for (int i = 0; i < members.size() && !denialsByMember.isEmpty(); i++) {
      DenyEntry[] entries = denialsByMember.get(members.get(i));
      if (entries != null) {
        for (DenyEntry entry : entries) {
          if (evaluation.denies(entry, false)) {
            return evaluation.denied(entry);
          }
        }
      }
    }
    if (!denialsByLooseEmail.isEmpty()) {
      DenyEntry loose = looselyDenied(caller, evaluation);
      if (loose != null) {
        return evaluation.denied(loose);
      }
    }
    if (caller.groupLookupFailed()) {
      for (DenyEntry entry : denialsNamingGroups) {
        if (evaluation.denies(entry, true)) {
          evaluation.note("groups of " + caller.principal() + " are unknown: deny rule naming "
              + entry.principal() + " applied");
          return evaluation.denied(entry);
        }
      }
      evaluation.note("groups of " + caller.principal() + " are unknown: group: members did not match");
    }
    for (AllowEntry entry : candidates(members)) {
      if (evaluation.grants(entry)) {
        Grant grant = entry.grant();
        return new PolicyOutcome(PolicyOutcome.Reason.GRANTED, new GrantedBy(entry.policy().layer(),
            entry.policy().source(), grant.bindingIndex(), grant.role(), grant.member(),
            grant.condition() == null ? null : grant.condition().title()), null, evaluation.notes());
      }
    }
    return new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING, null, null, evaluation.notes());
  }

  List<LoadedAllowPolicy> allowPolicies() {
    return allow;
  }

  List<LoadedDenyPolicy> denyPolicies() {
    return deny;
  }

  /** The grants of every member of the caller, in policy order. */
  private AllowEntry[] candidates(List<String> members) {
    AllowEntry[] only = null;
    List<AllowEntry> merged = null;
    for (int i = 0; i < members.size(); i++) {
      AllowEntry[] found = grantsByMember.get(members.get(i));
      if (found == null) {
        continue;
      }
      if (only == null && merged == null) {
        only = found;
      } else {
        if (merged == null) {
          merged = new ArrayList<>(List.of(only));
        }
        merged.addAll(List.of(found));
      }
    }
    if (merged != null) {
      merged.sort(Comparator.comparingInt(AllowEntry::order));
      return merged.toArray(NO_GRANTS);
    }
    return only == null ? NO_GRANTS : only;
  }

  /**
   * A deny rule whose email principal is spelled differently from one of the caller's emails but folds to
   * the same loose form (a KELVIN SIGN for a K, full-width letters, another case of a non-ASCII email).
   * Exact matches were tried before; this only widens denials, never grants.
   */
  private DenyEntry looselyDenied(Caller caller, Evaluation evaluation) {
    List<String> members = caller.members();
    for (int i = 0; i < members.size(); i++) {
      String member = members.get(i);
      if (!looseForEveryCaller && isAscii(member)) {
        continue;
      }
      String loose = MemberForms.looseEmailKey(member);
      DenyEntry[] entries = loose == null ? null : denialsByLooseEmail.get(loose);
      if (entries != null) {
        for (DenyEntry entry : entries) {
          if (evaluation.denies(entry, false)) {
            return entry;
          }
        }
      }
    }
    return null;
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean excepted(DenyRuleEntry rule, Caller caller) {
    if (rule.exceptions().isEmpty()) {
      return false;
    }
    List<String> members = caller.members();
    for (int i = 0; i < members.size(); i++) {
      if (rule.exceptions().contains(members.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static String samePermission(String seen, String permission) {
    if (seen != null && !seen.equals(permission)) {
      throw new IllegalArgumentException("policies were loaded for different permissions: " + seen
          + " and " + permission);
    }
    return permission;
  }

  /** The conditions evaluated for one caller and request, what went wrong with them, and the tracer told. */
  private static final class Evaluation {
    private final Caller caller;
    private final RequestAttributes request;
    private final @Nullable PolicyTracer tracer;
    private ConditionContext context;
    private List<String> notes;

    Evaluation(Caller caller, RequestAttributes request, @Nullable PolicyTracer tracer) {
      this.caller = caller;
      this.request = request;
      this.tracer = tracer;
    }

    /**
     * Whether a deny rule reached through one of the caller's members (or, when {@code groupsUnknown}, through
     * a group the caller may be in) denies: no exception principal matches and its denial condition is true
     * or cannot be evaluated.
     */
    boolean denies(DenyEntry entry, boolean groupsUnknown) {
      DenyRuleEntry rule = entry.rule();
      if (excepted(rule, caller)) {
        if (tracer != null) {
          tracer.denial(entry.policy(), rule, entry.principal(), groupsUnknown, true, null, false);
        }
        return false;
      }
      ConditionResult result = rule.compiled() == null ? null : evaluate(rule.compiled());
      if (result != null && result.outcome() == ConditionResult.Outcome.ERROR) {
        String what = "denial condition \"" + rule.condition().title() + "\" of " + entry.policy().source()
            + " rules[" + rule.ruleIndex() + "] could not be evaluated (" + result.error() + "): it applies";
        LOG.warn(what);
        note(what);
      }
      boolean applies = result == null || result.outcome() != ConditionResult.Outcome.FALSE;
      if (tracer != null) {
        tracer.denial(entry.policy(), rule, entry.principal(), groupsUnknown, false, result, applies);
      }
      return applies;
    }

    /** Whether a grant of one of the caller's members applies: unconditional, or its condition is true. */
    boolean grants(AllowEntry entry) {
      Grant grant = entry.grant();
      ConditionResult result = grant.compiled() == null ? null : evaluate(grant.compiled());
      if (result != null && result.outcome() == ConditionResult.Outcome.ERROR) {
        String what = "condition \"" + grant.condition().title() + "\" of " + entry.policy().source()
            + " bindings[" + grant.bindingIndex() + "] could not be evaluated (" + result.error()
            + "): the binding does not apply";
        LOG.warn(what);
        note(what);
      }
      boolean applies = result == null || result.outcome() == ConditionResult.Outcome.TRUE;
      if (tracer != null) {
        tracer.grant(entry.policy(), grant, result, applies);
      }
      return applies;
    }

    PolicyOutcome denied(DenyEntry entry) {
      DenyRuleEntry rule = entry.rule();
      return new PolicyOutcome(PolicyOutcome.Reason.DENIED_BY_RULE, null, new DeniedBy(entry.policy().source(),
          entry.policy().policy().name(), rule.ruleIndex(), rule.description(), entry.principal(),
          rule.condition() == null ? null : rule.condition().title()), notes());
    }

    private ConditionResult evaluate(CompiledCondition condition) {
      if (context == null) {
        context = new ConditionContext(request.host(), request.path(), request.time());
      }
      try {
        ConditionResult result = condition.evaluate(context);
        return result == null ? ConditionResult.error("the condition gave no result") : result;
      } catch (RuntimeException e) {
        return ConditionResult.error(e.toString());
      }
    }

    void note(String note) {
      if (notes == null) {
        notes = new ArrayList<>(2);
      }
      notes.add(note);
    }

    List<String> notes() {
      return notes == null ? List.of() : notes;
    }
  }
}
