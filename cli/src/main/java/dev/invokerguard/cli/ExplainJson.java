package dev.invokerguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invokerguard.Decision;
import dev.invokerguard.Explanation;
import dev.invokerguard.policy.PolicyProblem;
import java.util.List;

/** {@code explain --json}: the explanation as one JSON document. */
final class ExplainJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExplainJson() {}

  static String write(Explanation explanation, TokenRejection rejection, List<PolicyProblem> warnings) {
    Decision decision = explanation.decision();
    ObjectNode root = JSON.createObjectNode();
    root.put("outcome", decision.allowed() ? "allow" : "deny");
    root.put("status", decision.status());
    root.put("reason", decision.reason().name());
    root.put("method", decision.method());
    root.put("host", decision.host());
    root.put("path", decision.path());
    root.put("time", explanation.time().toString());
    ObjectNode caller = root.putObject("caller");
    caller.put("principal", decision.principal());
    caller.putPOJO("members", decision.caller().members());
    caller.put("emailMissing", decision.caller().emailMissing());
    if (decision.tokenError() != null) {
      root.put("tokenError", decision.tokenError().name());
    }
    if (rejection != null) {
      ObjectNode why = root.putObject("tokenRejection");
      why.put("error", rejection.error().name());
      why.put("why", rejection.why());
      why.putPOJO("audience", rejection.audience());
      why.putPOJO("expectedAudiences", rejection.expectedAudiences());
      why.put("issuer", rejection.issuer());
      why.putPOJO("trustedIssuers", rejection.trustedIssuers());
      why.put("expiresAt", rejection.expiresAt() == null ? null : rejection.expiresAt().toString());
      why.put("checkedAt", rejection.time().toString());
      why.put("keys", rejection.keys());
    }
    if (decision.token() != null) {
      ObjectNode token = root.putObject("token");
      token.put("family", decision.token().family().name());
      token.put("issuer", decision.token().issuer());
      token.putPOJO("audience", decision.token().audience());
      token.put("expiresAt", String.valueOf(decision.token().expiresAt()));
    }
    if (decision.grantedBy() != null) {
      root.set("grantedBy", JSON.valueToTree(decision.grantedBy()));
    }
    if (decision.deniedBy() != null) {
      root.set("deniedBy", JSON.valueToTree(decision.deniedBy()));
    }
    root.put("detail", decision.detail());
    root.putPOJO("notes", decision.notes());
    ObjectNode policy = root.putObject("policy");
    policy.put("origin", explanation.policyOrigin());
    policy.put("etag", explanation.policyEtag());
    ArrayNode loadWarnings = policy.putArray("warnings");
    warnings.forEach(w -> loadWarnings.add(w.toString()));
    if (explanation.trace() != null) {
      root.set("trace", JSON.valueToTree(explanation.trace()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
