package dev.invokerguard.benchmarks;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole {@link InvokerGuard#check} with a token the verifier has cached, on a policy at IAM's maximum
 * size (1,500 members over 100 bindings). Run in the same JMH run as {@link TokenVerificationBenchmark}
 * so that both read against {@code floorRsaVerify} and {@code guardVerifyHit}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=error")
public class PolicyDecisionBenchmark {
  static final String HOST = "hello-abc123-uc.a.run.app";
  static final String CALLER = "caller@my-project.iam.gserviceaccount.com";
  static final String CALLERS_GROUP = "callers@example.com";
  static final String CONDITION = "request.host == \\\"" + HOST + "\\\" && request.path.startsWith(\\\"/api/\\\")";

  static final String[] INVOKER_ROLES = {
      "roles/run.invoker", "roles/run.servicesInvoker", "roles/run.developer", "roles/run.admin"};

  ThreeKeyIssuer issuer;
  GoogleIdTokenVerifier verifier;
  InvokerGuard plainGuard;
  InvokerGuard conditionalGuard;
  InvokerGuard groupGuard;
  String token;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    issuer = new ThreeKeyIssuer();
    token = issuer.serviceAccountToken(CALLER, TokenVerificationBenchmark.AUDIENCE);
    verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(TokenVerificationBenchmark.AUDIENCE)).withKeySetUri(issuer.jwksUri()))
        .build();
    verifier.prefetch();
    plainGuard = guard(false);
    conditionalGuard = guard(true);
    requireAllowed(plainGuard.check(request()));
    requireAllowed(conditionalGuard.check(request()));
    groupGuard = InvokerGuard.builder()
        .verifier(verifier)
        .allowPolicy(PolicyText.json("bench-group.json", groupPolicy()), PolicyLayer.SERVICE)
        .membershipLookup((group, member) -> CompletableFuture.completedFuture(
            group.equals(CALLERS_GROUP) && member.equals(CALLER)))
        .build();
    requireAllowed(groupGuard.check(request()));
  }

  /**
   * The 1,500-member policy with the caller's own member in binding 50 replaced by {@value #CALLERS_GROUP}, and
   * every other member a user: the caller is granted through one group, whose answer is cached after the first
   * request (as Cloud Identity answers are for {@code group-member-ttl}).
   */
  static String groupPolicy() {
    return policy(false).replace("\"group:team-", "\"user:team-")
        .replace("\"serviceAccount:" + CALLER + "\"", "\"group:" + CALLERS_GROUP + "\"");
  }

  /**
   * 100 bindings of 15 distinct members each (1,500 members, IAM's limit), every binding granting
   * {@code run.routes.invoke} through one of four invoker roles, so that all 1,500 members are indexed.
   * The caller is the last member of binding 50 and of no other.
   */
  static String policy(boolean withCondition) {
    List<String> bindings = new ArrayList<>();
    for (int b = 0; b < 100; b++) {
      List<String> members = new ArrayList<>();
      for (int m = 0; m < 15; m++) {
        boolean caller = b == 50 && m == 14;
        members.add("\"" + (caller ? "serviceAccount:" + CALLER
            : (m % 3 == 0 ? "group:team-" : "user:person-") + b + "-" + m + "@example.com") + "\"");
      }
      String role = INVOKER_ROLES[b % INVOKER_ROLES.length];
      String condition = withCondition && b == 50
          ? ",\"condition\":{\"title\":\"api on hello\",\"expression\":\"" + CONDITION + "\"}" : "";
      bindings.add("{\"role\":\"" + role + "\",\"members\":[" + String.join(",", members) + "]" + condition + "}");
    }
    return "{\"version\":3,\"etag\":\"BwYbench\",\"bindings\":[" + String.join(",", bindings) + "]}";
  }

  private InvokerGuard guard(boolean withCondition) {
    return InvokerGuard.builder()
        .verifier(verifier)
        .allowPolicy(PolicyText.json("bench.json", policy(withCondition)), PolicyLayer.SERVICE)
        .build();
  }

  /** A fresh request per call, the token in a fresh header string, as an adapter builds it. */
  private AccessRequest request() {
    return AccessRequest.builder("GET", HOST, "/api/orders/42")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private static void requireAllowed(Decision decision) {
    if (!decision.allowed()) {
      throw new IllegalStateException("benchmark request denied: " + decision.explain());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifier.close();
    issuer.close();
  }

  @Benchmark
  public Decision policyDecision1500Members() {
    return plainGuard.check(request());
  }

  @Benchmark
  public Decision policyDecisionWithCondition() {
    return conditionalGuard.check(request());
  }

  /** Granted through a {@code group:} binding whose membership answer is cached (target: at most 1.5 x the above). */
  @Benchmark
  public Decision policyDecisionThroughCachedGroup() {
    return groupGuard.check(request());
  }
}
