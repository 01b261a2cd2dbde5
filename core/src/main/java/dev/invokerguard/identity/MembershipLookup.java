package dev.invokerguard.identity;

import java.util.concurrent.CompletableFuture;

/**
 * Asks a directory whether a member is in a group, transitively: one question, one call. Implementations
 * are the Cloud Identity Groups API's {@code checkTransitiveMembership} and the Admin SDK Directory API's
 * {@code hasMember} ({@link GroupLookups#cloudIdentity}, {@link GroupLookups#directory}); caching, single
 * flight, the rate limit and backoff are {@link GroupLookups}'. The future must not be completed on the
 * thread that asked while it waits for I/O.
 */
@FunctionalInterface
public interface MembershipLookup {

  /**
   * @param groupEmail the group's email
   * @param memberEmail the member's email ({@code user:} or {@code serviceAccount:} principal without prefix)
   * @return whether the member is in the group; completed exceptionally (preferably with a
   *     {@link GroupLookupException}) when it could not be found out
   */
  CompletableFuture<Boolean> isMember(String groupEmail, String memberEmail);
}
