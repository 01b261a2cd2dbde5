package dev.invokerguard.micronaut.client;

import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.client.OutboundErrorCode;
import dev.invokerguard.client.OutboundTarget;
import dev.invokerguard.client.OutboundTokenException;
import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.client.TokenHeader;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * With {@code invokerguard-client} on the class path and {@code invokerguard.client.targets} set: one
 * {@link OutboundTokens} for the targets (Application Default Credentials, or the application's
 * {@code GoogleCredentials} bean), built at start-up so that unusable credentials (a user's, none)
 * or a malformed target stop the application. Independent of the receiving side's {@code
 * invokerguard.enabled}.
 *
 * <p>The targets come as a list ({@code invokerguard.client.targets[0].url} in YAML or properties, bound to
 * {@link InvokerGuardClientTarget}) or as environment variables ({@code INVOKERGUARD_CLIENT_TARGETS_0_URL}),
 * which Micronaut reads as {@code invokerguard.client.targets.0.url}, an entry named {@code 0} rather than a
 * list element. Both forms are read; for the same index, a setting in the entry form wins, as environment
 * variables win over configuration files.
 */
@Factory
@Requires(classes = OutboundTokens.class)
@Requires(property = InvokerGuardClientTarget.PREFIX)
public class InvokerGuardClientFactory {

  /** The targets with their token sources, one per audience. */
  @Context
  public OutboundTokens invokerGuardOutboundTokens(List<InvokerGuardClientTarget> targets, Environment environment,
      BeanProvider<GoogleCredentials> credentials) {
    OutboundTokens.Builder builder = OutboundTokens.builder();
    merged(targets, environment).values().forEach(target -> builder.target(target(target)));
    if (credentials.isUnique()) {
      builder.credentials(credentials.get());
    }
    return builder.build();
  }

  /** The list's entries and the entry form's, by index; the entry form's settings win. */
  private static Map<Integer, InvokerGuardClientTarget> merged(List<InvokerGuardClientTarget> list, Environment environment) {
    Map<Integer, InvokerGuardClientTarget> targets = new TreeMap<>();
    for (InvokerGuardClientTarget target : list) {
      targets.put(target.index(), target);
    }
    for (String entry : environment.getPropertyEntries(InvokerGuardClientTarget.PREFIX)) {
      int index = index(entry);
      InvokerGuardClientTarget listed = targets.get(index);
      InvokerGuardClientTarget target = new InvokerGuardClientTarget(index);
      if (listed != null) {
        target.setUrl(listed.getUrl());
        target.setAudience(listed.getAudience());
        target.setHeader(listed.getHeader());
      }
      String prefix = InvokerGuardClientTarget.PREFIX + "." + entry + ".";
      environment.getProperty(prefix + "url", String.class).ifPresent(target::setUrl);
      environment.getProperty(prefix + "audience", String.class).ifPresent(target::setAudience);
      environment.getProperty(prefix + "header", String.class).ifPresent(target::setHeader);
      targets.put(index, target);
    }
    return targets;
  }

  private static int index(String entry) {
    if (!entry.isEmpty() && entry.length() <= 4 && entry.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.parseInt(entry);
    }
    throw new OutboundTokenException(OutboundErrorCode.INVALID_TARGET, InvokerGuardClientTarget.PREFIX + "."
        + entry + ": not a target; targets are numbered from 0 (INVOKERGUARD_CLIENT_TARGETS_0_URL)");
  }

  private static OutboundTarget target(InvokerGuardClientTarget properties) {
    String name = InvokerGuardClientTarget.PREFIX + "[" + properties.index() + "]";
    if (properties.getUrl() == null || properties.getUrl().isBlank()) {
      throw new OutboundTokenException(OutboundErrorCode.INVALID_TARGET, name + ".url is required");
    }
    try {
      OutboundTarget target =
          OutboundTarget.of(properties.getUrl()).withHeader(TokenHeader.parse(properties.getHeader()));
      String audience = properties.getAudience();
      return audience == null || audience.isBlank() ? target : target.withAudience(audience.strip());
    } catch (OutboundTokenException e) {
      throw new OutboundTokenException(e.code(), name + ": " + e.getMessage(), e);
    }
  }
}
