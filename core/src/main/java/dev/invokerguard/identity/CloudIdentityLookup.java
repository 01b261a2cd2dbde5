package dev.invokerguard.identity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invokerguard.identity.GroupLookupException.Code;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Transitive membership through the Cloud Identity Groups API v1: the group's resource name from
 * <a href="https://cloud.google.com/identity/docs/reference/rest/v1/groups/lookup">{@code groups.lookup}</a>
 * (cached for an hour), then
 * <a href="https://cloud.google.com/identity/docs/reference/rest/v1/groups.memberships/checkTransitiveMembership">{@code
 * groups.memberships.checkTransitiveMembership}</a> with {@code query=member_key_id == 'EMAIL'}, which counts
 * nested groups. Transitive checks need Google Workspace Enterprise or Cloud Identity Premium: a 403 says so.
 */
final class CloudIdentityLookup implements MembershipLookup {
  static final Duration GROUP_NAME_TTL = Duration.ofHours(1);
  private static final String FORBIDDEN_HINT = ". The service account needs the Groups Reader (or Group"
      + " Administrator) admin role, and transitive membership checks need Google Workspace Enterprise or Cloud"
      + " Identity Premium; on other editions set invokerguard.groups=directory (INVOKERGUARD_GROUPS)";

  private final GoogleGroupsApi api;
  private final AsyncCache<String, String> groupNames = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(GROUP_NAME_TTL).executor(Runnable::run).buildAsync();

  CloudIdentityLookup(GoogleGroupsApi api) {
    this.api = api;
  }

  @Override
  public CompletableFuture<Boolean> isMember(String groupEmail, String memberEmail) {
    if (memberEmail.indexOf('\'') >= 0 || memberEmail.indexOf('\\') >= 0) {
      return CompletableFuture.failedFuture(new GroupLookupException(Code.FAILED,
          "a member email with a quote or backslash cannot be asked about: " + memberEmail));
    }
    String query = encode("member_key_id == '" + memberEmail + "'");
    return groupName(groupEmail)
        .thenCompose(name -> api.get("/v1/" + name + "/memberships:checkTransitiveMembership?query=" + query))
        .handle((json, error) -> {
          if (error != null) {
            throw new CompletionException(forbiddenExplained(error));
          }
          return json.path("hasMembership").asBoolean(false);
        });
  }

  private CompletableFuture<String> groupName(String groupEmail) {
    return groupNames.get(groupEmail, (email, executor) -> api.get("/v1/groups:lookup?groupKey.id=" + encode(email))
        .thenApply(json -> {
          String name = json.path("name").asText("");
          if (!name.matches("groups/[A-Za-z0-9_-]+")) {
            throw new GroupLookupException(Code.FAILED, "groups.lookup of " + email + " gave no group name");
          }
          return name;
        }));
  }

  private static Throwable forbiddenExplained(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof GroupLookupException e && e.code() == Code.FORBIDDEN) {
      return new GroupLookupException(Code.FORBIDDEN, e.getMessage() + FORBIDDEN_HINT, null, e);
    }
    return cause;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
