package dev.invokerguard.runtime;

import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.policy.source.ServiceAudiences;
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
 *       fail (rate-limited polls only once the last success is older than the staleness bound, default
 *       10 minutes), or one read from the last-known-good file, or keys past their lifetime, or keys whose last
 *       fetch failed;
 *   <li>{@link Status#DOWN}: no policy was ever loaded, or a key source has no usable keys, or the audiences
 *       read from Cloud Run ({@code audiences=auto}) are not known yet; requests that need them are answered
 *       503.
 * </ul>
 *
 * <p>A served policy that opens everything (the service's policy grants the invoking role to {@code allUsers}
 * without a condition) is named in {@link #warnings()} and does not change the status: the guard decides
 * with current material, as configured, and a status that flips with a policy's content would take healthy
 * instances out of service. Alert on the warning, not on the status.
 *
 * @param status the worst status of the policy and of every key source
 * @param policyEtag the served policy's etag, or {@code null}
 * @param policyAge how old the served policy is, or {@code null} when none is served
 * @param policyError why the policy's last reload failed, or {@code null} when it succeeded
 * @param keySources each key source's health
 * @param reasons why the status is not {@link Status#UP}, one line each (empty when UP)
 * @param warnings what the served policy does that an operator must know, one line each (empty when nothing)
 * @param cloudRunComparison in shadow mode on Cloud Run, the agreements and disagreements with Cloud Run's own
 *     check ({@link dev.invokerguard.CloudRunComparison}); {@code null} otherwise. Disagreements do not change
 *     the status: they are what shadow mode is for
 */
public record GuardHealth(
    Status status,
    @Nullable String policyEtag,
    @Nullable Duration policyAge,
    @Nullable String policyError,
    List<KeySourceHealth> keySources,
    List<String> reasons,
    List<String> warnings,
    dev.invokerguard.@Nullable CloudRunComparison cloudRunComparison) {

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
    warnings = List.copyOf(warnings);
  }

  /** A health without warnings. */
  public GuardHealth(Status status, @Nullable String policyEtag, @Nullable Duration policyAge,
      @Nullable String policyError, List<KeySourceHealth> keySources, List<String> reasons) {
    this(status, policyEtag, policyAge, policyError, keySources, reasons, List.of(), null);
  }

  /** The rule: the policy's and each key source's status at {@code now}, and the worst of them. */
  static GuardHealth of(PolicySourceStatus policy, List<KeySetStats> keys, Instant now) {
    return of(policy, keys, now, null, null);
  }

  /**
   * As {@link #of(PolicySourceStatus, List, Instant)}, with the audiences read from Cloud Run: DOWN while
   * none is known (tokens are answered 503), DEGRADED while re-reading them fails.
   */
  static GuardHealth of(PolicySourceStatus policy, List<KeySetStats> keys, Instant now,
      ServiceAudiences.@Nullable Status audiences, dev.invokerguard.@Nullable CloudRunComparison comparison) {
    List<String> reasons = new ArrayList<>();
    Status status = policyStatus(policy, reasons);
    if (audiences != null && !audiences.known()) {
      reasons.add("the token audiences of " + audiences.location() + " are not known yet"
          + (audiences.lastFailure() == null ? "" : ": " + audiences.lastFailure()));
      status = status.worst(Status.DOWN);
    } else if (audiences != null && audiences.consecutiveFailures() > 0) {
      reasons.add("re-reading the token audiences of " + audiences.location() + " fails ("
          + audiences.lastFailure() + "); keeping " + audiences.audiences());
      status = status.worst(Status.DEGRADED);
    }
    List<KeySourceHealth> sources = new ArrayList<>();
    for (KeySetStats stats : keys) {
      Status keyStatus = keyStatus(stats, now, reasons);
      sources.add(new KeySourceHealth(stats.keySetUri(), keyStatus, stats.age(), stats.lastError()));
      status = status.worst(keyStatus);
    }
    String policyError = policy.consecutiveFailures() > 0 || !policy.loaded() ? policy.lastFailure() : null;
    return new GuardHealth(status, policy.etag(), policy.age(), policyError, sources, reasons,
        policy.warnings(), comparison);
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
    if (policy.consecutiveFailures() > 0 && !policy.backingOff()) {
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
