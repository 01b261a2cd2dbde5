package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.InvokerGuardBuilder;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.policy.source.PolicySourceException;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.policy.source.PolicySources;
import dev.invokerguard.policy.source.ReloadingPolicySource;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.KeySetStats;
import dev.invokerguard.token.TokenFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link InvokerGuard} made from {@link GuardSettings}: it owns the token verifier (and its
 * background key refreshes), so {@link #close()} it when the application stops.
 *
 * <p>{@link #start} trusts Google ID tokens for the configured audiences with keys from
 * {@code jwks-uri}, plus Firebase / Identity Platform tokens when {@code firebase-project} is set and IAP
 * signed headers when {@code iap-audience} is set. It loads the policy documents, then prefetches the keys:
 * a failed prefetch is logged and is not fatal (requests that need a key are answered 503 with
 * {@code Retry-After} until keys can be had; nothing is ever allowed without them). A setting or document
 * that does not load throws, so a deployment never starts open.
 *
 * <pre>{@code
 * try (GuardRuntime runtime = GuardRuntime.start(GuardSettings.fromEnvironment())) {
 *   Decision decision = runtime.guard().check(request);
 * }
 * }</pre>
 */
public final class GuardRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GuardRuntime.class);
  private static final String CLOUD_RUN_SCHEME = "cloudrun://";

  private final GuardSettings settings;
  private final GoogleIdTokenVerifier verifier;
  private final ReloadingPolicySource policies;
  private final InvokerGuard guard;

  private GuardRuntime(GuardSettings settings, GoogleIdTokenVerifier verifier, ReloadingPolicySource policies,
      InvokerGuard guard) {
    this.settings = settings;
    this.verifier = verifier;
    this.policies = policies;
    this.guard = guard;
  }

  /**
   * Builds the verifier and the guard, and prefetches keys.
   *
   * @throws dev.invokerguard.InvokerGuardConfigurationException for a setting or location that is unusable
   * @throws dev.invokerguard.policy.PolicyLoadException for a policy document that does not load
   */
  public static GuardRuntime start(GuardSettings settings) {
    Objects.requireNonNull(settings, "settings");
    GoogleIdTokenVerifier verifier = verifierFor(settings);
    ReloadingPolicySource policies = null;
    try {
      InvokerGuardBuilder builder = InvokerGuard.builder()
          .verifier(verifier)
          .preflight(settings.preflight())
          .allowPathParameters(settings.allowPathParameters())
          .acceptIapAssertion(settings.iapAudience() != null);
      if (settings.groups() != null) {
        builder.groupResolver(GroupsDocument.read(Locations.read(Setting.GROUPS, settings.groups())));
      }
      policies = policyFor(settings);
      InvokerGuard guard = builder.policySource(policies)
          .mode(settings.mode())
          .listener(DecisionLog.withAllowedSampleRate(settings.decisionLogSampleRate()))
          .build();
      if (settings.mode() == EnforcementMode.SHADOW) {
        LOG.warn("{} is shadow: every request passes, and what enforce mode would decide is only logged",
            Setting.MODE.describe());
      }
      if (!verifier.prefetch()) {
        LOG.warn("could not prefetch the token signing keys ({}); requests that need them are answered"
            + " 503 until the keys can be fetched", verifier.keySetStats());
      }
      return new GuardRuntime(settings, verifier, policies, guard);
    } catch (RuntimeException e) {
      verifier.close();
      if (policies != null) {
        policies.close();
      }
      throw e;
    }
  }

  /** The guard; thread-safe. */
  public InvokerGuard guard() {
    return guard;
  }

  /** The settings it was started with. */
  public GuardSettings settings() {
    return settings;
  }

  /** What policy is served, how old it is, and how reloads go (for health checks). */
  public PolicySourceStatus policyStatus() {
    return policies.status();
  }

  /** The token signing keys' counters and ages (for health checks). */
  public List<KeySetStats> keySetStats() {
    return verifier.keySetStats();
  }

  /** Stops background key refreshes and policy reloads. */
  @Override
  public void close() {
    verifier.close();
    policies.close();
  }

  private static GoogleIdTokenVerifier verifierFor(GuardSettings settings) {
    GoogleIdTokenVerifier.Builder builder = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(settings.audiences()).withKeySetUri(settings.jwksUri()))
        .allowedClockSkew(settings.allowedClockSkew())
        .verifiedTokenCacheSize(settings.tokenCacheSize());
    if (settings.firebaseProject() != null) {
      builder.family(TokenFamily.firebase(settings.firebaseProject()));
    }
    if (settings.iapAudience() != null) {
      builder.family(TokenFamily.iap(settings.iapAudience()));
    }
    return builder.build();
  }

  /**
   * Opens the policy locations (all but the last are project layers, the last is the service's) with the
   * deny policy applied to each. Files and {@code cloudrun://} locations are reloaded on their interval.
   */
  private static ReloadingPolicySource policyFor(GuardSettings settings) {
    RoleCatalog roles = roles(settings);
    requireLocalPoliciesLoad(settings, roles);
    PolicySourceOptions.Builder options = PolicySourceOptions.builder()
        .permission(settings.permission())
        .roles(roles)
        .lastKnownGood(settings.lastKnownGood());
    if (settings.policyRefreshInterval() != null) {
      options.fileInterval(settings.policyRefreshInterval()).cloudRunInterval(settings.policyRefreshInterval());
    }
    if (settings.denyPolicy() != null) {
      options.denyPolicy(Locations.read(Setting.DENY_POLICY, settings.denyPolicy()));
    }
    try {
      return PolicySources.open(String.join(",", settings.policy()), options.build());
    } catch (PolicySourceException e) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
          Setting.POLICY.describe() + ": " + e.getMessage());
    }
  }

  /**
   * Policy layers read from files or the class path must load at start-up: a service never starts on a
   * policy it cannot read. Every problem of every document is reported at once. ({@code cloudrun://} layers
   * may start without the API, on the last-known-good copy or answering 503 until the API answers.)
   */
  private static void requireLocalPoliciesLoad(GuardSettings settings, RoleCatalog roles) {
    List<String> locations = settings.policy();
    PolicyLoader loader = PolicyLoader.builder().permission(settings.permission()).roles(roles).build();
    List<PolicyProblem> errors = new ArrayList<>();
    for (int i = 0; i < locations.size(); i++) {
      if (locations.get(i).startsWith(CLOUD_RUN_SCHEME)) {
        continue;
      }
      PolicyLayer layer = PolicyLayer.ofPosition(i, locations.size());
      errors.addAll(loader.loadAllow(Locations.read(Setting.POLICY, locations.get(i)), layer).errors());
    }
    if (!errors.isEmpty()) {
      throw new PolicyLoadException(errors);
    }
  }

  private static RoleCatalog roles(GuardSettings settings) {
    return settings.customRoles() == null ? RoleCatalog.builtIn() : RoleCatalog.builtIn()
        .withCustomRoles(Locations.read(Setting.CUSTOM_ROLES, settings.customRoles())).orThrow();
  }
}
