package dev.invokerguard.identity;

import dev.invokerguard.identity.GroupLookupException.Code;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Membership through the Admin SDK Directory API's
 * <a href="https://developers.google.com/admin-sdk/directory/reference/rest/v1/members/hasMember">{@code
 * members.hasMember}</a>, {@code GET /admin/directory/v1/groups/GROUP/hasMember/MEMBER}, which counts nested
 * groups within one domain: the fallback for tenants without the Cloud Identity Premium edition.
 */
final class DirectoryLookup implements MembershipLookup {
  private static final String FORBIDDEN_HINT = ". The service account needs the Groups Reader (or Group"
      + " Administrator) admin role";

  private final GoogleGroupsApi api;

  DirectoryLookup(GoogleGroupsApi api) {
    this.api = api;
  }

  @Override
  public CompletableFuture<Boolean> isMember(String groupEmail, String memberEmail) {
    return api.get("/admin/directory/v1/groups/" + encode(groupEmail) + "/hasMember/" + encode(memberEmail))
        .handle((json, error) -> {
          if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
            if (cause instanceof GroupLookupException e && e.code() == Code.FORBIDDEN) {
              throw new CompletionException(new GroupLookupException(Code.FORBIDDEN, e.getMessage()
                  + FORBIDDEN_HINT, null, e));
            }
            throw new CompletionException(cause);
          }
          return json.path("isMember").asBoolean(false);
        });
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
