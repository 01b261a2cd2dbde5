package dev.invokerguard.identity;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Finds the Google groups a caller belongs to, directly or through nested groups, so that {@code group:}
 * members can match (see <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal
 * identifiers</a>). A failure may be thrown: the caller's {@code group:} members then do not match, the
 * failure is logged, and it never grants.
 */
@FunctionalInterface
public interface GroupResolver {

  /** Resolves no groups. */
  GroupResolver NONE = caller -> Set.of();

  /**
   * @param caller an authenticated caller (its {@link Caller#email()} is the usual key)
   * @return the email of every group the caller belongs to, transitively
   */
  Set<String> groupsOf(Caller caller);

  /**
   * The same answer without making the calling thread wait, for non-blocking callers
   * ({@link dev.invokerguard.InvokerGuard#checkAsync}). The default runs {@link #groupsOf} on
   * {@code executor}; a resolver with a non-blocking client overrides it.
   */
  default CompletionStage<Set<String>> groupsOfAsync(Caller caller, Executor executor) {
    return CompletableFuture.supplyAsync(() -> groupsOf(caller), executor);
  }
}
