package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.LoadResult;
import dev.invokerguard.policy.LoadedDenyPolicy;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.PublicPaths;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the policy of {@code invokerguard.policy}: comma-separated locations, every one but the last a
 * {@link PolicyLayer#PROJECT project} layer and the last the {@link PolicyLayer#SERVICE service} layer, plus
 * the application's {@link PolicyLayer#LOCAL local} layer when {@link PolicySourceOptions#localPolicy()} or
 * {@link PolicySourceOptions#publicPaths()} is set (never a {@code cloudrun://} location).
 * A location is
 * <ul>
 *   <li>a file path, JSON or YAML (told by the {@code .yaml}/{@code .yml} suffix), checked for changes every
 *       {@link PolicySourceOptions#fileInterval()};
 *   <li>{@code classpath:NAME}, read once;
 *   <li>{@code cloudrun://projects/P/locations/L/services/S}: the service's live policy from the
 *       <a href="https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/getIamPolicy">Cloud
 *       Run Admin API</a>, polled every {@link PolicySourceOptions#cloudRunInterval()};
 *   <li>{@code cloudrun://projects/P}: the project's policy from
 *       <a href="https://cloud.google.com/resource-manager/reference/rest/v1/projects/getIamPolicy">Resource
 *       Manager</a> (a project layer), polled likewise.
 * </ul>
 */
public final class PolicySources {
  static final Pattern SERVICE = Pattern.compile(
      "cloudrun://projects/([a-z0-9.:-]+)/locations/([a-z0-9-]+)/services/([a-z0-9-]+)");
  private static final Pattern PROJECT = Pattern.compile("cloudrun://projects/([a-z0-9.:-]+)");

  private PolicySources() {}

  /**
   * Opens the locations and loads them once before returning; then polls them in the background. When
   * that first load fails the source serves the last-known-good copy, or nothing (every request 503) until
   * a poll succeeds. Fails fast on a malformed location, a missing class path resource, and a policy read
   * only once (class path) that does not load.
   *
   * @throws PolicySourceException when the locations cannot be opened
   */
  public static ReloadingPolicySource open(String locations, PolicySourceOptions options) {
    if (locations == null || locations.isBlank()) {
      throw new PolicySourceException(PolicySourceErrorCode.MISSING_LOCATION, "no policy location given");
    }
    PolicyLoader loader = loader(options);
    DenyPolicies deny = denyPolicies(loader, options.denyPolicies());
    List<String> parts = List.of(locations.split(",", -1));
    List<ReloadingPolicySource.LayerSpec> layers = new ArrayList<>();
    HttpClient[] client = new HttpClient[1];
    for (int i = 0; i < parts.size(); i++) {
      String location = parts.get(i).trim();
      PolicyLayer layer = PolicyLayer.ofPosition(i, parts.size());
      if (location.isEmpty()) {
        throw new PolicySourceException(PolicySourceErrorCode.MISSING_LOCATION,
            "empty policy location in \"" + locations + "\"");
      }
      if (parts.size() == 1 && options.projectPolicy()) {
        Matcher service = SERVICE.matcher(location);
        if (service.matches()) {
          String project = "cloudrun://projects/" + service.group(1);
          layers.add(new ReloadingPolicySource.LayerSpec(project, PolicyLayer.PROJECT,
              IamApiFetcher.project(project, service.group(1), options, http(client, options)),
              options.cloudRunInterval()));
        }
      }
      layers.add(layer(location, layer, options, client));
    }
    layers.addAll(localLayers(options));
    boolean once = layers.stream().allMatch(l -> l.interval() == null);
    String names = String.join(",", layers.stream().map(ReloadingPolicySource.LayerSpec::location).toList());
    ReloadingPolicySource source = start(new ReloadingPolicySource(names, layers, loader, deny.loaded(), options),
        deny);
    if (options.requireLocalLayers()) {
      requireLocalLayersLoaded(source);
    }
    if (once && source.current().isEmpty()) {
      source.close();
      throw new PolicySourceException(PolicySourceErrorCode.INITIAL_LOAD_FAILED,
          "the policy " + names + " does not load: " + source.status().lastFailure());
    }
    return source;
  }

  /**
   * A policy made of documents given as text, loaded now and never reloaded: what
   * {@link dev.invokerguard.InvokerGuardBuilder#allowPolicy} uses. The same loading as {@link #open}.
   *
   * @throws PolicyLoadException listing every problem of every document when one does not load
   * @throws PolicySourceException when an option is unusable
   */
  public static ReloadingPolicySource load(List<PolicyDocument> allow, PolicySourceOptions options) {
    PolicyLoader loader = loader(options);
    DenyPolicies deny = denyPolicies(loader, options.denyPolicies());
    List<ReloadingPolicySource.LayerSpec> layers = allow.stream().map(document ->
        new ReloadingPolicySource.LayerSpec(document.text().name(), document.layer(),
            new TextFetcher(document.text()), null)).toList();
    String names = String.join(",", layers.stream().map(ReloadingPolicySource.LayerSpec::location).toList());
    ReloadingPolicySource source = start(new ReloadingPolicySource(names, layers, loader, deny.loaded(), options),
        deny);
    requireLocalLayersLoaded(source);
    return source;
  }

  /**
   * Reads the document at a location: a file path, {@code file:PATH} or {@code classpath:NAME} (deny
   * policies, custom roles, group memberships, and the policy files of the {@code invokerguard} command).
   * JSON or YAML is told by the name's suffix, else by the content.
   *
   * @throws PolicySourceException when the location has another form, or cannot be read
   */
  public static PolicyText read(String location) {
    if (location == null || location.isBlank()) {
      throw new PolicySourceException(PolicySourceErrorCode.MISSING_LOCATION, "no location given");
    }
    if (location.startsWith("classpath:")) {
      return ClasspathFetcher.open(location).fetch().text();
    }
    if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !location.startsWith("file:")) {
      throw invalid(location, "unsupported scheme " + location.substring(0, location.indexOf(':') + 1)
          + " (a file path, file: or classpath:)");
    }
    Path file = file(location);
    try {
      DocumentFetcher.Fetched fetched = new FileFetcher(file).fetch();
      return new PolicyText(location, fetched.text().content(), fetched.text().format());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new PolicySourceException(PolicySourceErrorCode.NOT_FOUND, location + " does not exist", e);
    } catch (java.io.IOException | RuntimeException e) {
      throw new PolicySourceException(PolicySourceErrorCode.NOT_FOUND, location + " cannot be read: " + e, e);
    }
  }

  private static void requireLocalLayersLoaded(ReloadingPolicySource source) {
    ReloadingPolicySource.LocalFailure failure = source.localFailure().orElse(null);
    if (failure == null) {
      return;
    }
    source.close();
    if (failure.problems().stream().anyMatch(p -> p.severity() == PolicyProblem.Severity.ERROR)) {
      throw new PolicyLoadException(failure.problems());
    }
    throw new PolicySourceException(PolicySourceErrorCode.INITIAL_LOAD_FAILED,
        "the policy does not load: " + failure.reason());
  }

  /** The deny policies that loaded, and the problems of all of them. */
  private record DenyPolicies(List<LoadedDenyPolicy> loaded, List<PolicyProblem> problems, boolean failed) {}

  private static DenyPolicies denyPolicies(PolicyLoader loader, List<PolicyText> texts) {
    List<LoadedDenyPolicy> deny = new ArrayList<>();
    List<PolicyProblem> problems = new ArrayList<>();
    boolean failed = false;
    for (PolicyText text : texts) {
      LoadResult<LoadedDenyPolicy> result = loader.loadDeny(text);
      problems.addAll(result.errors());
      problems.addAll(result.warnings());
      failed |= !result.isLoaded();
      result.loaded().ifPresent(deny::add);
    }
    return new DenyPolicies(deny, problems, failed);
  }

  /**
   * Loads the layers once and starts polling; when a deny policy does not load, loads the layers once
   * without polling and throws a {@link PolicyLoadException} listing the problems of the allow layers read
   * locally, then those of the deny policies.
   */
  private static ReloadingPolicySource start(ReloadingPolicySource source, DenyPolicies deny) {
    if (!deny.failed()) {
      return source.start();
    }
    source.refresh();
    source.close();
    List<PolicyProblem> problems = new ArrayList<>(source.localFailure()
        .map(ReloadingPolicySource.LocalFailure::problems).orElse(List.of()));
    problems.addAll(deny.problems());
    throw new PolicyLoadException(problems);
  }

  private static PolicyLoader loader(PolicySourceOptions options) {
    try {
      return PolicyLoader.builder().permission(options.permission()).roles(options.roles()).build();
    } catch (IllegalArgumentException e) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION, e.getMessage(), e);
    }
  }

  private static Path file(String location) {
    return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
  }

  private static ReloadingPolicySource.LayerSpec layer(String location, PolicyLayer layer,
      PolicySourceOptions options, HttpClient[] client) {
    if (location.startsWith("classpath:")) {
      return new ReloadingPolicySource.LayerSpec(location, layer, ClasspathFetcher.open(location), null);
    }
    if (location.startsWith("cloudrun:")) {
      if (options.credentials() instanceof ApplicationDefaultCredentials
          && !ApplicationDefaultCredentials.libraryPresent()) {
        throw new PolicySourceException(PolicySourceErrorCode.MISSING_DEPENDENCY,
            "policy location \"" + location + "\": " + ApplicationDefaultCredentials.missingLibrary());
      }
      Matcher service = SERVICE.matcher(location);
      if (service.matches()) {
        if (layer == PolicyLayer.PROJECT) {
          throw invalid(location, "a Cloud Run service's policy can only be the last (service) layer");
        }
        return new ReloadingPolicySource.LayerSpec(location, layer, IamApiFetcher.cloudRunService(location,
            service.group(1), service.group(2), service.group(3), options, http(client, options)),
            options.cloudRunInterval());
      }
      Matcher project = PROJECT.matcher(location);
      if (project.matches() && layer == PolicyLayer.PROJECT) {
        return new ReloadingPolicySource.LayerSpec(location, layer,
            IamApiFetcher.project(location, project.group(1), options, http(client, options)),
            options.cloudRunInterval());
      }
      throw invalid(location, "expected cloudrun://projects/P/locations/L/services/S (the last layer) or"
          + " cloudrun://projects/P (a project layer)");
    }
    if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*") && !location.startsWith("file:")) {
      throw invalid(location, "unknown scheme (a file path, classpath: or cloudrun://)");
    }
    return new ReloadingPolicySource.LayerSpec(location, layer, new FileFetcher(file(location)),
        options.fileInterval());
  }

  /** The application's own layer: its policy document, then its public paths. */
  private static List<ReloadingPolicySource.LayerSpec> localLayers(PolicySourceOptions options) {
    List<ReloadingPolicySource.LayerSpec> local = new ArrayList<>();
    String location = options.localPolicy();
    if (location != null) {
      if (location.startsWith("classpath:")) {
        local.add(new ReloadingPolicySource.LayerSpec(location, PolicyLayer.LOCAL, ClasspathFetcher.open(location),
            null));
      } else if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*") && !location.startsWith("file:")) {
        throw invalid(location, "the local policy is a file path, file: or classpath: location");
      } else {
        local.add(new ReloadingPolicySource.LayerSpec(location, PolicyLayer.LOCAL, new FileFetcher(file(location)),
            options.fileInterval()));
      }
    }
    if (!options.publicPaths().isEmpty()) {
      local.add(new ReloadingPolicySource.LayerSpec(PublicPaths.SOURCE, PolicyLayer.LOCAL,
          new TextFetcher(PublicPaths.policy(options.publicPaths())), null));
    }
    return local;
  }

  private static HttpClient http(HttpClient[] client, PolicySourceOptions options) {
    if (client[0] == null) {
      client[0] = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return client[0];
  }

  private static PolicySourceException invalid(String location, String why) {
    return new PolicySourceException(PolicySourceErrorCode.INVALID_LOCATION,
        "policy location \"" + location + "\": " + why);
  }
}
