package dev.invokerguard.identity;

import dev.invokerguard.policy.source.ApiCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Asks a directory whether a member is in a group, transitively: one question, one call. Implementations
 * are the Cloud Identity Groups API's {@code checkTransitiveMembership} and the Admin SDK Directory API's
 * {@code hasMember} ({@link #cloudIdentity}, {@link #directory}); the guard caches their answers,
 * makes one call for concurrent questions, limits the call rate and backs off on 429
 * ({@link GroupLookupLimits}). The future must not be completed on the
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

  /** The Cloud Identity Groups API's base URL. */
  String CLOUD_IDENTITY_API = "https://cloudidentity.googleapis.com";
  /** The Admin SDK Directory API's base URL. */
  String DIRECTORY_API = "https://admin.googleapis.com";
  /** The OAuth 2.0 scope Cloud Identity lookups ask Application Default Credentials for. */
  String CLOUD_IDENTITY_SCOPE = "https://www.googleapis.com/auth/cloud-identity.groups.readonly";
  /** The OAuth 2.0 scope Directory API lookups ask Application Default Credentials for. */
  String DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.group.member.readonly";
  /** How long one API call may take. */
  Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Lookups through the Cloud Identity Groups API: {@code groups.lookup} (cached for an hour), then
   * {@code groups.memberships.checkTransitiveMembership}, which counts nested groups and needs Google Workspace
   * Enterprise or Cloud Identity Premium.
   *
   * @param base the API's base URL ({@value #CLOUD_IDENTITY_API}, or a local fake)
   * @param credentials the credentials, or {@code null} for Application Default Credentials with the
   *     {@code cloud-identity.groups.readonly} scope (they need Google Auth Library)
   * @param executor where credentials are asked for (refreshing a token may wait)
   */
  static MembershipLookup cloudIdentity(URI base, @Nullable ApiCredentials credentials, Executor executor) {
    return new CloudIdentityLookup(new GoogleGroupsApi(GroupLookups.CLOUD_IDENTITY, base, credentials != null
        ? credentials : ApiCredentials.applicationDefault(CLOUD_IDENTITY_SCOPE, "group lookups are made"),
        httpClient(), REQUEST_TIMEOUT, executor));
  }

  /**
   * Lookups through the Admin SDK Directory API's {@code members.hasMember}, which counts nested groups within
   * one domain.
   *
   * @param base the API's base URL ({@value #DIRECTORY_API}, or a local fake)
   * @param credentials the credentials, or {@code null} for Application Default Credentials with the
   *     {@code admin.directory.group.member.readonly} scope (they need Google Auth Library)
   * @param executor where credentials are asked for
   */
  static MembershipLookup directory(URI base, @Nullable ApiCredentials credentials, Executor executor) {
    return new DirectoryLookup(new GoogleGroupsApi(GroupLookups.DIRECTORY, base, credentials != null
        ? credentials : ApiCredentials.applicationDefault(DIRECTORY_SCOPE, "group lookups are made"),
        httpClient(), REQUEST_TIMEOUT, executor));
  }

  private static HttpClient httpClient() {
    return HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
