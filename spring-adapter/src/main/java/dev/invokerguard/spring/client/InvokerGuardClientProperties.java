package dev.invokerguard.spring.client;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code invokerguard.client.*} properties: the services this application calls, whose requests
 * carry its Google ID token ({@code invokerguard-client}). Environment form: {@code
 * INVOKERGUARD_CLIENT_TARGETS_0_URL}, {@code INVOKERGUARD_CLIENT_TARGETS_0_AUDIENCE}, ...
 */
@ConfigurationProperties(prefix = "invokerguard.client", ignoreUnknownFields = false)
public class InvokerGuardClientProperties {

  /**
   * The services this application calls: requests to a target's URL (same scheme, host and port, a path
   * under the URL's) from RestClient, RestTemplate and WebClient carry an ID token for its audience.
   */
  private List<Target> targets = new ArrayList<>();

  public List<Target> getTargets() {
    return targets;
  }

  public void setTargets(List<Target> targets) {
    this.targets = targets;
  }

  /** One service this application calls. */
  public static class Target {
    /** The service's URL, e.g. https://backend-123456789012.europe-west1.run.app. Required. */
    private String url;

    /** The audience its tokens are minted for; by default the URL's scheme and host. */
    private String audience;

    /**
     * Where the token goes: auto (Authorization, or X-Serverless-Authorization when the request has an
     * Authorization of its own), authorization, or x-serverless-authorization.
     */
    private String header = "auto";

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public String getHeader() {
      return header;
    }

    public void setHeader(String header) {
      this.header = header;
    }
  }
}
