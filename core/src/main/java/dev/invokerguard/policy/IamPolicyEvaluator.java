package dev.invokerguard.policy;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupMembership;
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
  private static final String GROUP = "group:";

  /** A grant with its global position (layer order, then binding order) and its policy. */
  private record AllowEntry(int order, LoadedAllowPolicy policy, Grant grant) {}

  /** A deny rule reached through one of its principals. */
  private record DenyEntry(LoadedDenyPolicy policy, DenyRuleEntry rule, String principal) {}

  /** A deny rule's {@code group:} principal, by its match key. */
  private record GroupDenial(DenyEntry entry, String key) {}

  private final Map<String, AllowEntry[]> grantsByMember;
  private final Map<String, DenyEntry[]> denialsByMember;
  /** Denials by the loose form of their email principals ({@link MemberForms#looseEmailKey}). */
  private final Map<String, DenyEntry[]> denialsByLooseEmail;
  /** Whether a denied email is not plain ASCII: then every caller's email is also looked up loosely. */
  private final boolean looseForEveryCaller;
  private final List<DenyEntry> denialsNamingGroups;
  /** Every grant to a {@code group:} member, in policy order, for evaluations that ask one group at a time. */
  private final AllowEntry[] groupGrants;
  /**
   * The group email of each of {@link #groupGrants}, case-folded once here, so that asking about it allocates
   * nothing and hashes a string whose hash is already known.
   */
  private final String[] groupGrantGroups;
  /** Every {@code group:} principal of every deny rule, in rule order. */
  private final List<GroupDenial> groupDenials;
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
    List<GroupDenial> everyGroupDenial = new ArrayList<>();
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
          if (principal.getKey().startsWith(GROUP)) {
            everyGroupDenial.add(new GroupDenial(entry, principal.getKey()));
            firstGroup = firstGroup == null ? entry : firstGroup;
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
    this.groupDenials = List.copyOf(everyGroupDenial);
    List<AllowEntry> toGroups = new ArrayList<>();
    grants.forEach((key, entries) -> {
      if (key.startsWith(GROUP)) {
        toGroups.addAll(entries);
      }
    });
    toGroups.sort(Comparator.comparingInt(AllowEntry::order));
    this.groupGrants = toGroups.toArray(NO_GRANTS);
    this.groupGrantGroups = new String[groupGrants.length];
    for (int i = 0; i < groupGrants.length; i++) {
      groupGrantGroups[i] = Callers.foldCase(
          groupGrants[i].grant().key().substring(GROUP.length()));
    }
  }

  @Override
  public PolicyOutcome evaluate(Caller caller, RequestAttributes request) {
    return evaluate(caller, request, null, null);
  }

  @Override
  public PolicyOutcome evaluate(Caller caller, RequestAttributes request, GroupMembership groups) {
    return evaluate(caller, request, groups, null);
  }

  /**
   * The one evaluation: deny rules through the member index (and, for a caller whose groups are unknown,
   * every rule naming a group), then the caller's grants in policy order. With {@code groups}, asked one group
   * at a time: after the caller's own grants found nothing, each grant to a group whose condition holds asks
   * whether the caller is in that group, in policy order, until one grants; deny rules naming groups are
   * asked about only for a caller about to be granted (an unknown membership then denies, as a deny rule that
   * cannot be evaluated does). The tracer, given only when a decision is explained, hears every rule and
   * grant visited; without one nothing is recorded or allocated.
   */
  PolicyOutcome evaluate(Caller caller, RequestAttributes request, @Nullable GroupMembership groups,
      @Nullable PolicyTracer tracer) {
    Evaluation evaluation = new Evaluation(caller, request, tracer, groups);
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
        return granted(entry, evaluation);
      }
    }
    if (groups != null) {
      for (int i = 0; i < groupGrants.length; i++) {
        AllowEntry entry = groupGrants[i];
        if (!members.contains(entry.grant().key()) && evaluation.grantsThroughGroup(entry, groupGrantGroups[i])) {
          return granted(entry, evaluation);
        }
      }
    }
    return new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING, null, null, evaluation.notes());
  }

  /** The grant's outcome, unless a deny rule naming a group the caller is in (or may be in) applies. */
  private PolicyOutcome granted(AllowEntry entry, Evaluation evaluation) {
    if (evaluation.groups != null) {
      for (GroupDenial denial : groupDenials) {
        if (!evaluation.caller.members().contains(denial.key()) && evaluation.deniesThroughGroup(denial)) {
          return evaluation.denied(denial.entry());
        }
      }
    }
    Grant grant = entry.grant();
    return new PolicyOutcome(PolicyOutcome.Reason.GRANTED, new GrantedBy(entry.policy().layer(),
        entry.policy().source(), grant.bindingIndex(), grant.role(), grant.member(),
        grant.condition() == null ? null : grant.condition().title()), null, evaluation.notes());
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

  /**
   * Whether an exception principal naming a group holds the caller, asked one group at a time; an unknown
   * membership does not except (the rule applies).
   */
  private static boolean exceptedThroughGroup(DenyRuleEntry rule, Caller caller, GroupMembership groups) {
    for (String exception : rule.exceptions()) {
      if (exception.startsWith(GROUP) && !caller.members().contains(exception)
          && groups.check(exception.substring(GROUP.length())).state() == GroupMembership.Answer.State.MEMBER) {
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
    private final @Nullable GroupMembership groups;
    private ConditionContext context;
    private List<String> notes;

    Evaluation(Caller caller, RequestAttributes request, @Nullable PolicyTracer tracer,
        @Nullable GroupMembership groups) {
      this.caller = caller;
      this.request = request;
      this.tracer = tracer;
      this.groups = groups;
    }

    /**
     * Whether a deny rule reached through one of the caller's members (or, when {@code groupsUnknown}, through
     * a group the caller may be in) denies: no exception principal matches and its denial condition is true
     * or cannot be evaluated.
     */
    boolean denies(DenyEntry entry, boolean groupsUnknown) {
      DenyRuleEntry rule = entry.rule();
      if (excepted(rule, caller) || groups != null && exceptedThroughGroup(rule, caller, groups)) {
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
      return grants(entry, grant.compiled() == null ? null : evaluate(grant.compiled()));
    }

    private boolean grants(AllowEntry entry, @Nullable ConditionResult result) {
      Grant grant = entry.grant();
      noteConditionError(entry, result);
      boolean applies = result == null || result.outcome() == ConditionResult.Outcome.TRUE;
      if (tracer != null) {
        tracer.grant(entry.policy(), grant, result, applies, null);
      }
      return applies;
    }

    private void noteConditionError(AllowEntry entry, @Nullable ConditionResult result) {
      Grant grant = entry.grant();
      if (result != null && result.outcome() == ConditionResult.Outcome.ERROR) {
        String what = "condition \"" + grant.condition().title() + "\" of " + entry.policy().source()
            + " bindings[" + grant.bindingIndex() + "] could not be evaluated (" + result.error()
            + "): the binding does not apply";
        LOG.warn(what);
        note(what);
      }
    }

    /**
     * Whether a grant to a group applies: its condition holds (else the group is not asked about) and the
     * caller is in the group. An unknown membership does not grant, and is noted.
     */
    boolean grantsThroughGroup(AllowEntry entry, String group) {
      Grant grant = entry.grant();
      ConditionResult result = grant.compiled() == null ? null : evaluate(grant.compiled());
      if (result != null && result.outcome() != ConditionResult.Outcome.TRUE) {
        noteConditionError(entry, result);
        if (tracer != null) {
          tracer.grant(entry.policy(), grant, result, false, (result.outcome() == ConditionResult.Outcome.FALSE
              ? "the condition is false" : "the condition could not be evaluated (" + result.error() + ")")
              + ", so whether " + caller.principal() + " is in " + grant.key() + " was not looked up");
        }
        return false;
      }
      GroupMembership.Answer answer = groups.check(group);
      boolean member = answer.state() == GroupMembership.Answer.State.MEMBER;
      boolean unknown = answer.state() == GroupMembership.Answer.State.UNKNOWN;
      if (!unknown && tracer == null) {
        return member; // the usual case: nothing to note or trace, so no text is built
      }
      String lookup = switch (answer.state()) {
        case MEMBER -> caller.principal() + " is in " + grant.key();
        case NOT_MEMBER -> caller.principal() + " is not in " + grant.key();
        case UNKNOWN -> "group membership unknown: whether " + caller.principal() + " is in " + grant.key()
            + " could not be found out (" + answer.problem() + ")";
      };
      if (unknown) {
        note(lookup + ": " + entry.policy().source() + " bindings[" + grant.bindingIndex()
            + "] does not grant");
      }
      if (tracer != null) {
        tracer.grant(entry.policy(), grant, result, member, lookup);
      }
      return member;
    }

    /**
     * Whether a deny rule naming a group applies to a caller about to be granted: its condition holds (or
     * cannot be evaluated) and the caller is in the group, or may be (the membership is unknown).
     */
    boolean deniesThroughGroup(GroupDenial denial) {
      DenyRuleEntry rule = denial.entry().rule();
      if (rule.compiled() != null && evaluate(rule.compiled()).outcome() == ConditionResult.Outcome.FALSE) {
        return false;
      }
      GroupMembership.Answer answer = groups.check(denial.key().substring(GROUP.length()));
      if (answer.state() == GroupMembership.Answer.State.NOT_MEMBER) {
        return false;
      }
      boolean unknown = answer.state() == GroupMembership.Answer.State.UNKNOWN;
      boolean applies = denies(denial.entry(), unknown);
      if (applies && unknown) {
        note("group membership unknown: whether " + caller.principal() + " is in " + denial.key()
            + " could not be found out (" + answer.problem() + "): deny rule naming " + denial.entry().principal()
            + " applied");
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
