package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.token.EndpointUris;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * How {@link PolicySources#open} reads and reloads policies. Every value has a default; build with
 * {@link #builder()}.
 *
 * @param permission the permission a request needs (default {@code run.routes.invoke})
 * @param roles the roles and their permissions (default: built-in)
 * @param fileInterval how often a policy file is checked for changes (default 10 s)
 * @param cloudRunInterval how often a {@code cloudrun://} policy is polled (default 60 s)
 * @param projectPolicy also read the project's policy from Resource Manager as the project layer of a
 *     {@code cloudrun://} service location given alone (default false)
 * @param lastKnownGood a file the last good policy is written to and read from at start-up when the source
 *     cannot be reached, or {@code null} (default)
 * @param cloudRunBase the Cloud Run Admin API base URL (default {@code https://run.googleapis.com})
 * @param resourceManagerBase the Resource Manager API base URL (default
 *     {@code https://cloudresourcemanager.googleapis.com})
 * @param credentials authenticates API calls (default: Application Default Credentials)
 * @param connectTimeout the API connect timeout (default 5 s)
 * @param requestTimeout the API request timeout (default 10 s)
 * @param clock the clock of load times and ages (default system UTC)
 * @param executor runs the polls, or {@code null} for a daemon thread owned by the source (default)
 * @param denyPolicies IAM v2 deny policies applied with every loaded allow policy; loaded once, when the
 *     source opens (a deny policy that does not load fails the open)
 * @param requireLocalLayers fail the open, listing every problem, when a layer read from a file or the class
 *     path does not load (default false: a file that is missing or broken at first is served once it loads)
 * @param localPolicy the application's own layer ({@link dev.invokerguard.policy.PolicyLayer#LOCAL}): a file
 *     path, {@code file:} or {@code classpath:} location evaluated beside the others, or {@code null} (default)
 * @param publicPaths path prefixes open to {@code allUsers}, as a second local-layer document (see
 *     {@link dev.invokerguard.policy.PublicPaths}); empty by default
 * @param random draws in [0, 1) for the jitter of poll times (default: {@code ThreadLocalRandom})
 * @param stalenessBound how long rate-limited polls may keep the last good policy before health says
 *     DEGRADED (default {@link #DEFAULT_STALENESS_BOUND})
 */
public record PolicySourceOptions(
    String permission,
    RoleCatalog roles,
    Duration fileInterval,
    Duration cloudRunInterval,
    boolean projectPolicy,
    @Nullable Path lastKnownGood,
    URI cloudRunBase,
    URI resourceManagerBase,
    ApiCredentials credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    Clock clock,
    @Nullable ScheduledExecutorService executor,
    List<PolicyText> denyPolicies,
    boolean requireLocalLayers,
    @Nullable String localPolicy,
    List<String> publicPaths,
    java.util.function.DoubleSupplier random,
    Duration stalenessBound) {

  public static final Duration DEFAULT_FILE_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CLOUD_RUN_INTERVAL = Duration.ofSeconds(60);
  public static final URI DEFAULT_CLOUD_RUN_BASE = URI.create("https://run.googleapis.com");
  public static final Duration DEFAULT_STALENESS_BOUND = Duration.ofMinutes(10);
  public static final URI DEFAULT_RESOURCE_MANAGER_BASE = URI.create("https://cloudresourcemanager.googleapis.com");

  public PolicySourceOptions {
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(cloudRunBase, "cloudRunBase");
    Objects.requireNonNull(resourceManagerBase, "resourceManagerBase");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    denyPolicies = List.copyOf(denyPolicies);
    publicPaths = List.copyOf(publicPaths);
    for (String prefix : publicPaths) {
      dev.invokerguard.policy.PublicPaths.problem(prefix).ifPresent(problem -> {
        throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION, "public path prefix " + problem);
      });
    }
    if (!publicPaths.isEmpty() && !roles.grants(dev.invokerguard.policy.PublicPaths.ROLE, permission)) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION, "public paths are opened with "
          + dev.invokerguard.policy.PublicPaths.ROLE + ", which does not carry the permission " + permission
          + ": open them in the local policy with a role that does");
    }
    if (localPolicy != null && (localPolicy.isBlank() || localPolicy.startsWith("cloudrun:"))) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION,
          "the local policy is a file path, file: or classpath: location: \"" + localPolicy + "\"");
    }
    for (URI base : new URI[] {cloudRunBase, resourceManagerBase}) {
      if (!EndpointUris.isAllowed(base)) {
        throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION,
            "API base URLs carry the service's access token and must be " + EndpointUris.RULE + ": " + base);
      }
    }
    for (Duration d : new Duration[] {fileInterval, cloudRunInterval, connectTimeout, requestTimeout,
        stalenessBound}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION,
            "intervals and timeouts must be positive: " + d);
      }
    }
  }

  /** The defaults. */
  public static PolicySourceOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PolicySourceOptions}; {@link #build()} validates. */
  public static final class Builder {
    private String permission = PolicyLoader.DEFAULT_PERMISSION;
    private RoleCatalog roles = RoleCatalog.builtIn();
    private Duration fileInterval = DEFAULT_FILE_INTERVAL;
    private Duration cloudRunInterval = DEFAULT_CLOUD_RUN_INTERVAL;
    private boolean projectPolicy;
    private Path lastKnownGood;
    private URI cloudRunBase = DEFAULT_CLOUD_RUN_BASE;
    private URI resourceManagerBase = DEFAULT_RESOURCE_MANAGER_BASE;
    private ApiCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService executor;
    private final List<PolicyText> denyPolicies = new ArrayList<>();
    private String localPolicy;
    private List<String> publicPaths = List.of();
    private java.util.function.DoubleSupplier random = () -> java.util.concurrent.ThreadLocalRandom.current()
        .nextDouble();
    private Duration stalenessBound = DEFAULT_STALENESS_BOUND;
    private boolean requireLocalLayers;

    private Builder() {}

    /** Adds a deny policy document, applied with every allow policy the source loads. */
    public Builder denyPolicy(PolicyText value) {
      denyPolicies.add(Objects.requireNonNull(value, "denyPolicy"));
      return this;
    }

    public Builder permission(String value) {
      this.permission = value;
      return this;
    }

    public Builder roles(RoleCatalog value) {
      this.roles = value;
      return this;
    }

    public Builder fileInterval(Duration value) {
      this.fileInterval = value;
      return this;
    }

    public Builder cloudRunInterval(Duration value) {
      this.cloudRunInterval = value;
      return this;
    }

    public Builder projectPolicy(boolean value) {
      this.projectPolicy = value;
      return this;
    }

    public Builder lastKnownGood(Path value) {
      this.lastKnownGood = value;
      return this;
    }

    public Builder cloudRunBase(URI value) {
      this.cloudRunBase = value;
      return this;
    }

    public Builder resourceManagerBase(URI value) {
      this.resourceManagerBase = value;
      return this;
    }

    public Builder credentials(ApiCredentials value) {
      this.credentials = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder executor(ScheduledExecutorService value) {
      this.executor = value;
      return this;
    }

    /** The application's own layer: a file path, {@code file:} or {@code classpath:} location. */
    public Builder localPolicy(String location) {
      this.localPolicy = location;
      return this;
    }

    /** Path prefixes open to {@code allUsers} in the local layer. */
    public Builder publicPaths(List<String> prefixes) {
      this.publicPaths = List.copyOf(prefixes);
      return this;
    }

    /** Draws in [0, 1) for the jitter of poll times (tests give a seeded one). */
    public Builder random(java.util.function.DoubleSupplier value) {
      this.random = value;
      return this;
    }

    /** How long rate-limited polls may keep the last good policy before health says DEGRADED. */
    public Builder stalenessBound(Duration value) {
      this.stalenessBound = value;
      return this;
    }

    /** Fail the open when a layer read from a file or the class path does not load (default false). */
    public Builder requireLocalLayers(boolean value) {
      this.requireLocalLayers = value;
      return this;
    }

    public PolicySourceOptions build() {
      return new PolicySourceOptions(permission, roles, fileInterval, cloudRunInterval, projectPolicy,
          lastKnownGood, cloudRunBase, resourceManagerBase,
          credentials == null ? ApiCredentials.applicationDefault() : credentials, connectTimeout,
          requestTimeout, clock, executor, denyPolicies, requireLocalLayers, localPolicy, publicPaths,
          random, stalenessBound);
    }
  }
}
