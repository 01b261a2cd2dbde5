package dev.invokerguard;

import dev.invokerguard.identity.CachingGroupResolver;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.GroupLookups;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.request.Credential;
import dev.invokerguard.request.CredentialExtractor;
import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-blocking form of {@link InvokerGuard#check}: before deciding, it asks the verifier and the group
 * resolver whether what the decision needs is in memory. When it is, the decision is taken on the calling
 * thread and the stage returned is already complete. When a fetch is needed (keys on first use or for an
 * unknown {@code kid}, a caller's groups on a cache miss), the fetch is started off the calling thread and
 * the decision is taken when it lands, on the thread that completed it; concurrent requests share one fetch.
 * Groups looked up one at a time ({@link GroupLookups}) are found as the policy is evaluated: an attempt that
 * needs an answer not in the cache starts its lookup and is not counted; the next attempt runs when it lands.
 */
final class AsyncCheck {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncCheck.class);
  /**
   * Rounds of "fetch, then look again": key fetches are rate-limited, so two or three are the most seen; each
   * group lookup a decision needs takes one more. In the last round no lookup is started: groups not yet
   * known do not grant.
   */
  static final int MAX_ROUNDS = 16;
  /** "Decide on the executor": the group resolver answers only by blocking, and nothing caches it. */
  private static final CompletableFuture<Void> ON_EXECUTOR = new CompletableFuture<>();

  /**
   * One attempt at a decision: {@code null} when it started a group lookup to wait for (see the round). The
   * credential is the request's, already extracted ({@code null}: extract it).
   */
  @FunctionalInterface
  interface Attempt {
    @Nullable Decision check(AccessRequest request, @Nullable Credential credential,
        GroupLookups.@Nullable Round round);
  }

  private final IdTokenVerifier verifier;
  private final CredentialExtractor credentials;
  private final GroupResolver groups;
  private final boolean looksUpGroups;
  private final Executor executor;
  private final java.util.function.Function<VerifiedToken, Caller> toCaller;

  AsyncCheck(IdTokenVerifier verifier, CredentialExtractor credentials, GroupResolver groups,
      boolean looksUpGroups, Executor executor,
      java.util.function.Function<VerifiedToken, Caller> toCaller) {
    this.toCaller = toCaller;
    this.verifier = verifier;
    this.credentials = credentials;
    this.groups = groups;
    this.looksUpGroups = looksUpGroups;
    this.executor = executor;
  }

  CompletionStage<Decision> run(AccessRequest request, Attempt check) {
    CompletableFuture<Decision> result = new CompletableFuture<>();
    Credential credential;
    try {
      credential = credentials.extract(request);
    } catch (RuntimeException e) {
      LOG.warn("reading the request's credentials failed; the decision reads them again", e);
      credential = null;
    }
    round(request, credential, check, result, 1);
    return result;
  }

  private void round(AccessRequest request, @Nullable Credential credential, Attempt check,
      CompletableFuture<Decision> result, int round) {
    CompletionStage<?> pending;
    try {
      pending = round > MAX_ROUNDS || credential == null ? null : pending(credential);
    } catch (RuntimeException e) {
      LOG.warn("looking for pending fetches failed; deciding now", e);
      pending = null;
    }
    if (pending == ON_EXECUTOR) {
      try {
        executor.execute(() -> decide(request, credential, check, result, round));
        return;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending = null;
      }
    }
    if (pending == null) {
      decide(request, credential, check, result, round);
      return;
    }
    pending.whenComplete((ignored, error) -> round(request, credential, check, result, round + 1));
  }

  private void decide(AccessRequest request, @Nullable Credential credential, Attempt check,
      CompletableFuture<Decision> result, int round) {
    try {
      GroupLookups.Round groupRound = looksUpGroups ? new GroupLookups.Round(round < MAX_ROUNDS) : null;
      Decision decision = check.check(request, credential, groupRound);
      if (decision == null && groupRound != null && groupRound.pending() != null) {
        groupRound.pending().whenComplete((ignored, error) -> round(request, credential, check, result,
            round + 1));
        return;
      }
      result.complete(decision);
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  /** What the decision would wait for, or {@code null} when everything it needs is in memory. */
  private @Nullable CompletionStage<?> pending(Credential credential) {
    if (credential.kind() != Credential.Kind.TOKEN) {
      return null;
    }
    CompletionStage<Void> keys = verifier.pendingFetch(credential.token());
    if (keys != null || groups == GroupResolver.NONE || groups instanceof StaticGroupResolver) {
      return keys;
    }
    TokenVerification verification = verifier.verify(credential.token());
    if (!verification.isVerified()) {
      return null;
    }
    if (groups instanceof CachingGroupResolver caching) {
      return caching.pendingFetch(toCaller.apply(verification.token()));
    }
    return ON_EXECUTOR;
  }
}
