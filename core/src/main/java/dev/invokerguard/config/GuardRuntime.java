package dev.invokerguard.config;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardBuilder;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
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

  private final GuardSettings settings;
  private final GoogleIdTokenVerifier verifier;
  private final InvokerGuard guard;

  private GuardRuntime(GuardSettings settings, GoogleIdTokenVerifier verifier, InvokerGuard guard) {
    this.settings = settings;
    this.verifier = verifier;
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
    try {
      InvokerGuardBuilder builder = InvokerGuard.builder()
          .verifier(verifier)
          .permission(settings.permission())
          .preflight(settings.preflight())
          .allowPathParameters(settings.allowPathParameters())
          .acceptIapAssertion(settings.iapAudience() != null);
      if (settings.customRoles() != null) {
        builder.roles(RoleCatalog.builtIn()
            .withCustomRoles(Locations.read(Setting.CUSTOM_ROLES, settings.customRoles())).orThrow());
      }
      if (settings.groups() != null) {
        builder.groupResolver(GroupsDocument.read(Locations.read(Setting.GROUPS, settings.groups())));
      }
      policyFor(settings, builder);
      InvokerGuard guard = builder.build();
      if (settings.mode() == GuardSettings.Mode.SHADOW) {
        LOG.warn("{} is shadow, which this guard does not apply yet: requests are enforced",
            Setting.MODE.describe());
      }
      if (!verifier.prefetch()) {
        LOG.warn("could not prefetch the token signing keys ({}); requests that need them are answered"
            + " 503 until the keys can be fetched", verifier.keySetStats());
      }
      return new GuardRuntime(settings, verifier, guard);
    } catch (RuntimeException e) {
      verifier.close();
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

  /** Stops background key refreshes. */
  @Override
  public void close() {
    verifier.close();
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
   * Adds the allow policies (all but the last location are project layers, the last is the service's)
   * and the deny policy. The one place where policy locations are resolved.
   */
  private static void policyFor(GuardSettings settings, InvokerGuardBuilder builder) {
    List<String> locations = settings.policy();
    for (int i = 0; i < locations.size(); i++) {
      PolicyLayer layer = i == locations.size() - 1 ? PolicyLayer.SERVICE : PolicyLayer.PROJECT;
      builder.allowPolicy(Locations.read(Setting.POLICY, locations.get(i)), layer);
    }
    if (settings.denyPolicy() != null) {
      builder.denyPolicy(Locations.read(Setting.DENY_POLICY, settings.denyPolicy()));
    }
  }
}
