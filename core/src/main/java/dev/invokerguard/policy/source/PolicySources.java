package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.LoadedDenyPolicy;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the policy of {@code invokerguard.policy}: comma-separated locations, every one but the last a
 * {@link PolicyLayer#PROJECT project} layer and the last the {@link PolicyLayer#SERVICE service} layer.
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
  private static final Pattern SERVICE = Pattern.compile(
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
    PolicyLoader loader;
    try {
      loader = PolicyLoader.builder().permission(options.permission()).roles(options.roles()).build();
    } catch (IllegalArgumentException e) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION, e.getMessage(), e);
    }
    List<LoadedDenyPolicy> deny = new ArrayList<>();
    for (PolicyText text : options.denyPolicies()) {
      deny.add(loader.loadDenyOrThrow(text));
    }
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
    boolean once = layers.stream().allMatch(l -> l.interval() == null);
    String names = String.join(",", layers.stream().map(ReloadingPolicySource.LayerSpec::location).toList());
    ReloadingPolicySource source = new ReloadingPolicySource(names, layers, loader, deny, options).start();
    if (once && source.current().isEmpty()) {
      throw new PolicySourceException(PolicySourceErrorCode.INITIAL_LOAD_FAILED,
          "the policy " + names + " does not load: " + source.status().lastFailure());
    }
    return source;
  }

  private static ReloadingPolicySource.LayerSpec layer(String location, PolicyLayer layer,
      PolicySourceOptions options, HttpClient[] client) {
    if (location.startsWith("classpath:")) {
      return new ReloadingPolicySource.LayerSpec(location, layer, ClasspathFetcher.open(location), null);
    }
    if (location.startsWith("cloudrun:")) {
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
    Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    return new ReloadingPolicySource.LayerSpec(location, layer, new FileFetcher(file),
        options.fileInterval());
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
