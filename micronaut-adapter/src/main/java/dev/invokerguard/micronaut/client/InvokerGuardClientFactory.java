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
import java.util.Comparator;
import java.util.List;

/**
 * With {@code invokerguard-client} on the class path and {@code invokerguard.client.targets} set: one
 * {@link OutboundTokens} for the targets (Application Default Credentials, or the application's
 * {@code GoogleCredentials} bean), built at start-up so that unusable credentials (a user's, none)
 * or a malformed target stop the application. Independent of the receiving side's {@code
 * invokerguard.enabled}.
 */
@Factory
@Requires(classes = OutboundTokens.class)
@Requires(beans = InvokerGuardClientTarget.class)
public class InvokerGuardClientFactory {

  /** The targets with their token sources, one per audience. */
  @Context
  public OutboundTokens invokerGuardOutboundTokens(
      List<InvokerGuardClientTarget> targets, BeanProvider<GoogleCredentials> credentials) {
    OutboundTokens.Builder builder = OutboundTokens.builder();
    targets.stream()
        .sorted(Comparator.comparingInt(InvokerGuardClientTarget::index))
        .forEach(target -> builder.target(target(target)));
    if (credentials.isUnique()) {
      builder.credentials(credentials.get());
    }
    return builder.build();
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
