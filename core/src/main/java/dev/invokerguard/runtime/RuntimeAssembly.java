package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.DecisionListener;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardBuilder;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.GroupLookupLimits;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PublicPaths;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceErrorCode;
import dev.invokerguard.policy.source.PolicySourceException;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySources;
import dev.invokerguard.policy.source.ReloadingPolicySource;
import dev.invokerguard.policy.source.ServiceAudiences;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link GuardSettings} and a {@link GuardRuntime.Builder}'s hooks into a running guard. */
final class RuntimeAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(GuardRuntime.class);
  private static final int OWNED_THREADS = 2;

  private RuntimeAssembly() {}

  static GuardRuntime start(GuardRuntime.Builder hooks) {
    GuardSettings settings = hooks.settings;
    if (settings.groups() != null && hooks.groupResolver != null) {
      throw SettingChecks.invalid(SettingKey.GROUPS, "is set and a GroupResolver is given: use one of them");
    }
    checkPolicySource(hooks);
    ScheduledExecutorService owned = hooks.executor == null ? ownedExecutor() : null;
    ScheduledExecutorService executor = owned != null ? owned : hooks.executor;
    GoogleIdTokenVerifier verifier = null;
    ReloadingPolicySource policies = null;
    ServiceAudiences audiences = null;
    try {
      PolicySourceOptions options = hooks.policySource == null ? options(hooks, executor) : null;
      if (settings.autoAudiences()) {
        audiences = ServiceAudiences.open(settings.policy().get(settings.policy().size() - 1), options);
      }
      verifier = verifier(hooks, executor, audiences);
      InvokerGuardBuilder builder = InvokerGuard.builder()
          .verifier(verifier)
          .clock(hooks.clock)
          .fetchExecutor(executor)
          .preflight(settings.preflight())
          .allowPathParameters(settings.allowPathParameters())
          .acceptIapAssertion(settings.iapAudience() != null)
          .firebaseAnonymousUsers(settings.firebaseAnonymous());
      if (settings.looksUpGroups()) {
        builder.membershipLookup(membershipLookup(hooks, executor)).groupLookupLimits(new GroupLookupLimits(
            settings.groupMemberTtl(), settings.groupNonMemberTtl(), settings.groupCacheSize(),
            settings.groupLookupRate()));
      } else if (settings.groups() != null) {
        builder.groupResolver(GroupsDocument.read(Locations.read(SettingKey.GROUPS, settings.groups())));
      } else if (hooks.groupResolver != null) {
        builder.groupResolver(hooks.groupResolver);
      }
      PolicySource source = hooks.policySource;
      if (source == null) {
        policies = PolicySources.open(String.join(",", settings.policy()), options);
        source = policies;
      }
      boolean compare = settings.mode() == EnforcementMode.SHADOW && hooks.environment.get("K_SERVICE") != null;
      builder.policySource(source).mode(settings.mode()).compareWithCloudRun(compare)
          .listener(decisionLog(settings, hooks.environment));
      for (DecisionListener listener : hooks.listeners) {
        builder.listener(listener);
      }
      InvokerGuard guard = builder.build();
      if (settings.mode() == EnforcementMode.SHADOW) {
        LOG.warn("{} is shadow: every request passes, and what enforce mode would decide is only logged",
            SettingKey.MODE.describe());
      }
      if (compare) {
        LOG.warn("shadow mode on Cloud Run (K_SERVICE): a token whose signature Cloud Run removed is read as"
            + " the identity Cloud Run verified, and each decision is compared with Cloud Run's; disagreements"
            + " are logged and counted in health");
      }
      GoogleIdTokenVerifier keys = verifier;
      CompletableFuture<Boolean> prefetched = keys.startPrefetch().toCompletableFuture();
      prefetched.thenAccept(usable -> {
        if (!usable) {
          LOG.warn("could not prefetch the token signing keys ({}); requests that need them are answered"
              + " 503 until the keys can be fetched", keys.keySetStats());
        }
      });
      return new GuardRuntime(settings, verifier, source, policies, audiences, guard, hooks.clock, owned,
          prefetched);
    } catch (RuntimeException e) {
      if (audiences != null) {
        audiences.close();
      }
      closeQuietly(verifier, policies, owned);
      throw configurationError(e);
    }
  }

  /**
   * Exactly one of {@code invokerguard.policy} and a {@link PolicySource} hook; with the hook, none of the
   * settings that only shape how {@code invokerguard.policy} is loaded (they would be ignored).
   */
  private static void checkPolicySource(GuardRuntime.Builder hooks) {
    GuardSettings settings = hooks.settings;
    if (hooks.policySource == null) {
      if (settings.policy().isEmpty()) {
        SettingChecks.locations(SettingKey.POLICY, settings.policy()); // throws: the setting is missing
      }
      return;
    }
    if (!settings.policy().isEmpty()) {
      throw SettingChecks.invalid(SettingKey.POLICY, "is set and a PolicySource is given: use one of them");
    }
    java.util.Map<SettingKey, Boolean> loadingOnly = new java.util.LinkedHashMap<>();
    loadingOnly.put(SettingKey.PERMISSION, !settings.permission().equals(GuardSettings.DEFAULT_PERMISSION));
    loadingOnly.put(SettingKey.LOCAL_POLICY, settings.localPolicy() != null);
    loadingOnly.put(SettingKey.PUBLIC_PATHS, !settings.publicPaths().isEmpty());
    loadingOnly.put(SettingKey.DENY_POLICY, settings.denyPolicy() != null);
    loadingOnly.put(SettingKey.CUSTOM_ROLES, settings.customRoles() != null);
    loadingOnly.put(SettingKey.LAST_KNOWN_GOOD, settings.lastKnownGood() != null);
    loadingOnly.put(SettingKey.POLICY_REFRESH_INTERVAL, settings.policyRefreshInterval() != null);
    for (java.util.Map.Entry<SettingKey, Boolean> setting : loadingOnly.entrySet()) {
      if (setting.getValue()) {
        throw SettingChecks.invalid(setting.getKey(), "shapes how " + SettingKey.POLICY.property() + " is loaded,"
            + " and a PolicySource is given instead: build it into the PolicySource, or unset it");
      }
    }
  }

  /**
   * The Cloud Identity or Directory API client the {@code groups} setting names, with the group API
   * credentials given or Application Default Credentials (which need Google Auth Library).
   */
  private static MembershipLookup membershipLookup(GuardRuntime.Builder hooks, ScheduledExecutorService executor) {
    GuardSettings settings = hooks.settings;
    if (hooks.groupApiCredentials == null && !ApiCredentials.applicationDefaultAvailable()) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.MISSING_DEPENDENCY,
          SettingKey.GROUPS.describe() + " is " + settings.groups() + ": group lookups are made with Application"
              + " Default Credentials, which need com.google.auth:google-auth-library-oauth2-http on the class"
              + " path: add that dependency, or give the credentials (GuardRuntime.Builder.groupApiCredentials)");
    }
    return GuardSettings.GROUPS_CLOUD_IDENTITY.equals(settings.groups())
        ? MembershipLookup.cloudIdentity(settings.cloudIdentityApi(), hooks.groupApiCredentials, executor)
        : MembershipLookup.directory(settings.directoryApi(), hooks.groupApiCredentials, executor);
  }

  /**
   * The decision log: Cloud Logging JSON on stdout when {@code decision-log-format} is {@code json}, or unset
   * on Cloud Run ({@code K_SERVICE}); else text through SLF4J.
   */
  static DecisionLog decisionLog(GuardSettings settings, java.util.Map<String, String> environment) {
    String format = settings.decisionLogFormat() != null ? settings.decisionLogFormat()
        : environment.get("K_SERVICE") != null ? "json" : "text";
    return format.equals("json") ? DecisionLog.cloudLogging(settings.decisionLogSampleRate(),
        projectId(settings, environment)) : DecisionLog.withAllowedSampleRate(settings.decisionLogSampleRate());
  }

  /** The project traces belong to: {@code GOOGLE_CLOUD_PROJECT}, else that of a {@code cloudrun://} policy. */
  static @Nullable String projectId(GuardSettings settings, java.util.Map<String, String> environment) {
    String project = environment.get("GOOGLE_CLOUD_PROJECT");
    if (project != null && !project.isBlank()) {
      return project.strip();
    }
    for (String location : settings.policy()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("cloudrun://projects/([a-z0-9.:-]+)(/.*)?")
          .matcher(location);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static InvokerGuardConfigurationException configurationError(RuntimeException e) {
    if (e instanceof InvokerGuardConfigurationException configuration) {
      return configuration;
    }
    if (e instanceof PolicyLoadException load) {
      return new InvokerGuardConfigurationException(ConfigurationErrorCode.POLICY_DOES_NOT_LOAD,
          load.getMessage(), load);
    }
    if (e instanceof PolicySourceException source) {
      ConfigurationErrorCode code = source.code() == PolicySourceErrorCode.MISSING_DEPENDENCY
          ? ConfigurationErrorCode.MISSING_DEPENDENCY : ConfigurationErrorCode.INVALID_SETTING;
      return new InvokerGuardConfigurationException(code,
          SettingKey.POLICY.describe() + ": " + source.getMessage(), source);
    }
    return new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
        "the guard cannot be started: " + e.getMessage(), e);
  }

  private static void closeQuietly(@Nullable GoogleIdTokenVerifier verifier,
      @Nullable ReloadingPolicySource policies, @Nullable ScheduledExecutorService owned) {
    if (verifier != null) {
      verifier.close();
    }
    if (policies != null) {
      policies.close();
    }
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  private static GoogleIdTokenVerifier verifier(GuardRuntime.Builder hooks, ScheduledExecutorService executor,
      @Nullable ServiceAudiences audiences) {
    GuardSettings settings = hooks.settings;
    TokenFamily google = audiences != null ? TokenFamily.googleServiceAudiences(settings.explicitAudiences())
        : TokenFamily.google(settings.audiences());
    GoogleIdTokenVerifier.Builder builder = GoogleIdTokenVerifier.builder()
        .family(google.withKeySetUri(settings.jwksUri()))
        .clock(hooks.clock)
        .refreshExecutor(executor)
        .allowedClockSkew(settings.allowedClockSkew())
        .verifiedTokenCacheSize(settings.tokenCacheSize());
    if (settings.firebaseProject() != null) {
      builder.family(TokenFamily.firebase(settings.firebaseProject()).withKeySetUri(settings.firebaseKeysUri())
          .withTenants(settings.firebaseTenants()));
    }
    if (settings.iapAudience() != null) {
      builder.family(TokenFamily.iap(settings.iapAudience()).withKeySetUri(settings.iapKeysUri()));
    }
    if (audiences != null) {
      builder.audienceSource(audiences);
    }
    hooks.customizers.forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * Opens the policy locations (all but the last are project layers, the last is the service's) with the
   * deny policy applied to each; files and {@code cloudrun://} locations are reloaded on their interval.
   * Layers read from files or the class path must load at start-up, every problem of every document
   * reported at once ({@code cloudrun://} layers may start without the API, on the last-known-good copy or
   * answering 503 until the API answers). Each document is read and parsed once.
   */
  private static PolicySourceOptions options(GuardRuntime.Builder hooks, ScheduledExecutorService executor) {
    GuardSettings settings = hooks.settings;
    RoleCatalog roles = roles(settings);
    if (!settings.publicPaths().isEmpty() && !roles.grants(PublicPaths.ROLE, settings.permission())) {
      throw SettingChecks.invalid(SettingKey.PUBLIC_PATHS, "opens paths with " + PublicPaths.ROLE + ", which does"
          + " not carry " + SettingKey.PERMISSION.property() + "=" + settings.permission()
          + ": open them in " + SettingKey.LOCAL_POLICY.property() + " with a role that does");
    }
    PolicySourceOptions.Builder options = PolicySourceOptions.builder()
        .permission(settings.permission())
        .roles(roles)
        .requireLocalLayers(true)
        .clock(hooks.clock)
        .executor(executor)
        .lastKnownGood(settings.lastKnownGood())
        .localPolicy(settings.localPolicy())
        .publicPaths(settings.publicPaths())
        .cloudRunBase(settings.cloudRunApi())
        .resourceManagerBase(settings.resourceManagerApi());
    if (hooks.cloudRunBase != null) {
      options.cloudRunBase(hooks.cloudRunBase);
    }
    if (hooks.apiCredentials != null) {
      options.credentials(hooks.apiCredentials);
    }
    if (settings.policyRefreshInterval() != null) {
      options.fileInterval(settings.policyRefreshInterval()).cloudRunInterval(settings.policyRefreshInterval());
    }
    if (settings.denyPolicy() != null) {
      options.denyPolicy(Locations.read(SettingKey.DENY_POLICY, settings.denyPolicy()));
    }
    return options.build();
  }

  private static RoleCatalog roles(GuardSettings settings) {
    return settings.customRoles() == null ? RoleCatalog.builtIn() : RoleCatalog.builtIn()
        .withCustomRoles(Locations.read(SettingKey.CUSTOM_ROLES, settings.customRoles())).orThrow();
  }

  private static ScheduledExecutorService ownedExecutor() {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(OWNED_THREADS, task -> {
      Thread thread = new Thread(task, "invokerguard-runtime-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
