package dev.invokerguard.policy.source;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.RequestAttributes;
import java.time.Instant;
import java.util.List;

/** Policies as JSON and a way to ask a source's current policy about one caller. */
final class SourceFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private SourceFixtures() {}

  /** A version-3 policy granting {@code roles/run.invoker} to one member. */
  static String invokerPolicy(String member, String etag) {
    return "{\"version\":3,\"etag\":\"" + etag + "\",\"bindings\":[{\"role\":\"roles/run.invoker\","
        + "\"members\":[\"" + member + "\"]}]}";
  }

  static Caller user(String email) {
    return new Caller("user:" + email, List.of("user:" + email, Caller.ALL_AUTHENTICATED_USERS,
        Caller.ALL_USERS), false, false, false);
  }

  /** Whether the source's current policy lets the user in. */
  static boolean allows(PolicySource source, String email) {
    return source.current().orElseThrow().evaluator()
        .evaluate(user(email), new RequestAttributes("svc.example.com", "/", T0)).allowed();
  }
}
