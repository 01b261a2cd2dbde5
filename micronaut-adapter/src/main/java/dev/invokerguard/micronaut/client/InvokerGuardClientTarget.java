package dev.invokerguard.micronaut.client;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;

/**
 * One entry of {@code invokerguard.client.targets}: a service this application calls, whose requests
 * carry its Google ID token (Cloud Run <a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>). The same vocabulary as every InvokerGuard adapter:
 *
 * <pre>{@code
 * invokerguard:
 *   client:
 *     targets:
 *       - url: https://backend-123456789012.europe-west1.run.app
 *       - url: https://reports.example.com/api
 *         audience: https://reports-123456789012.europe-west1.run.app
 *         header: x-serverless-authorization
 * }</pre>
 */
@EachProperty(value = InvokerGuardClientTarget.PREFIX, list = true)
public class InvokerGuardClientTarget implements Ordered {
  /** The list's property. */
  public static final String PREFIX = "invokerguard.client.targets";

  private final int index;
  private String url;
  private String audience;
  private String header = "auto";

  /** The entry at {@code index} of the list. */
  public InvokerGuardClientTarget(@Parameter Integer index) {
    this.index = index;
  }

  /** The entry's position in {@code invokerguard.client.targets}: the first matching target wins. */
  public int index() {
    return index;
  }

  @Override
  public int getOrder() {
    return index;
  }

  /** The service's URL. */
  public @Nullable String getUrl() {
    return url;
  }

  /**
   * The service's URL, e.g. https://backend-123456789012.europe-west1.run.app: requests to it (same
   * scheme, host and port, a path under the URL's) carry an ID token. Required.
   */
  public void setUrl(@Nullable String url) {
    this.url = url;
  }

  /** The audience. */
  public @Nullable String getAudience() {
    return audience;
  }

  /** The audience its tokens are minted for; by default the URL's scheme and host. */
  public void setAudience(@Nullable String audience) {
    this.audience = audience;
  }

  /** Where the token goes. */
  public String getHeader() {
    return header;
  }

  /**
   * Where the token goes: auto (Authorization, or X-Serverless-Authorization when the request has an
   * Authorization of its own; the default), authorization, or x-serverless-authorization.
   */
  public void setHeader(String header) {
    this.header = header;
  }
}
