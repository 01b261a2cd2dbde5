package dev.invokerguard.runtime;

import dev.invokerguard.identity.GroupLookupStats;
import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.token.KeySetStats;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The health of a running guard, decided here so that every adapter reports the same:
 * <ul>
 *   <li>{@link Status#UP}: a policy is loaded and its last reload succeeded, and every key source holds keys
 *       within their RFC 9111 freshness lifetime;
 *   <li>{@link Status#DEGRADED}: requests are decided, but with last-good material: a policy whose reloads
 *       fail, or one read from the last-known-good file, or keys past their lifetime, or keys whose last
 *       fetch failed; or the latest group membership lookup failed (group bindings it would decide do not
 *       grant);
 *   <li>{@link Status#DOWN}: no policy was ever loaded, or a key source has no usable keys; requests that
 *       need them are answered 503.
 * </ul>
 *
 * @param status the worst status of the policy and of every key source
 * @param policyEtag the served policy's etag, or {@code null}
 * @param policyAge how old the served policy is, or {@code null} when none is served
 * @param policyError why the policy's last reload failed, or {@code null} when it succeeded
 * @param keySources each key source's health
 * @param reasons why the status is not {@link Status#UP}, one line each (empty when UP)
 * @param groupLookups the group lookups' counters, or {@code null} when groups are not looked up
 */
public record GuardHealth(
    Status status,
    @Nullable String policyEtag,
    @Nullable Duration policyAge,
    @Nullable String policyError,
    List<KeySourceHealth> keySources,
    List<String> reasons,
    @Nullable GroupLookupStats groupLookups) {

  /** How usable the guard is. */
  public enum Status {
    UP, DEGRADED, DOWN;

    Status worst(Status other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /**
   * One key source.
   *
   * @param keySetUri where its keys are published, or {@code null} for keys given up front
   * @param status its status
   * @param age how old its keys are, or {@code null} when none were ever fetched
   * @param lastError why its last fetch failed, or {@code null} when it succeeded
   */
  public record KeySourceHealth(@Nullable URI keySetUri, Status status, @Nullable Duration age,
      @Nullable String lastError) {}

  public GuardHealth {
    Objects.requireNonNull(status, "status");
    keySources = List.copyOf(keySources);
    reasons = List.copyOf(reasons);
  }

  /** Health without group lookups. */
  public GuardHealth(Status status, @Nullable String policyEtag, @Nullable Duration policyAge,
      @Nullable String policyError, List<KeySourceHealth> keySources, List<String> reasons) {
    this(status, policyEtag, policyAge, policyError, keySources, reasons, null);
  }

  static GuardHealth of(PolicySourceStatus policy, List<KeySetStats> keys, Instant now) {
    return of(policy, keys, null, now);
  }

  /**
   * The rule: the policy's and each key source's status at {@code now}, the group lookups' (DEGRADED while
   * the latest lookup failed), and the worst of them.
   */
  static GuardHealth of(PolicySourceStatus policy, List<KeySetStats> keys, @Nullable GroupLookupStats groups,
      Instant now) {
    List<String> reasons = new ArrayList<>();
    Status status = policyStatus(policy, reasons);
    List<KeySourceHealth> sources = new ArrayList<>();
    for (KeySetStats stats : keys) {
      Status keyStatus = keyStatus(stats, now, reasons);
      sources.add(new KeySourceHealth(stats.keySetUri(), keyStatus, stats.age(), stats.lastError()));
      status = status.worst(keyStatus);
    }
    if (groups != null && groups.failing()) {
      reasons.add("the latest " + groups.api() + " group lookup failed (" + groups.lastError()
          + "): group bindings it would decide do not grant");
      status = status.worst(Status.DEGRADED);
    }
    String policyError = policy.consecutiveFailures() > 0 || !policy.loaded() ? policy.lastFailure() : null;
    return new GuardHealth(status, policy.etag(), policy.age(), policyError, sources, reasons, groups);
  }

  private static Status policyStatus(PolicySourceStatus policy, List<String> reasons) {
    if (!policy.loaded()) {
      reasons.add("no policy loaded from " + policy.locations()
          + (policy.lastFailure() == null ? "" : ": " + policy.lastFailure()));
      return Status.DOWN;
    }
    if (policy.origin() != null && policy.origin().startsWith("last-known-good:")) {
      reasons.add("serving the " + policy.origin() + " policy: " + policy.locations() + " cannot be loaded"
          + (policy.lastFailure() == null ? "" : " (" + policy.lastFailure() + ")"));
      return Status.DEGRADED;
    }
    if (policy.consecutiveFailures() > 0) {
      reasons.add("reloads of " + policy.locations() + " fail (" + policy.lastFailure()
          + "); serving the policy with etag " + policy.etag() + " loaded at " + policy.loadedAt());
      return Status.DEGRADED;
    }
    return Status.UP;
  }

  private static Status keyStatus(KeySetStats stats, Instant now, List<String> reasons) {
    String source = stats.keySetUri() == null ? "the given key set" : stats.keySetUri().toString();
    if (stats.keyCount() == 0) {
      reasons.add("no usable keys from " + source + (stats.lastError() == null ? "" : ": " + stats.lastError()));
      return Status.DOWN;
    }
    if (stats.expiresAt() != null && !now.isBefore(stats.expiresAt())) {
      reasons.add("serving keys from " + source + " past their lifetime (fetched at " + stats.fetchedAt()
          + (stats.lastError() == null ? "" : "; last fetch failed: " + stats.lastError()) + ")");
      return Status.DEGRADED;
    }
    if (stats.lastError() != null) {
      reasons.add("the last fetch of keys from " + source + " failed (" + stats.lastError()
          + "); serving keys fetched at " + stats.fetchedAt());
      return Status.DEGRADED;
    }
    return Status.UP;
  }
}
