package dev.invokerguard.spring.client;

import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.client.OutboundTarget;
import dev.invokerguard.client.OutboundTokenException;
import dev.invokerguard.client.OutboundErrorCode;
import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.client.TokenHeader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code invokerguard-client} on the class path and {@code invokerguard.client.targets} set: one
 * {@link OutboundTokens} (Application Default Credentials, or the application's {@code
 * GoogleCredentials} bean), registered on every {@code RestClient.Builder} and {@code RestTemplateBuilder}
 * through {@link RestClientCustomizer} / {@link RestTemplateCustomizer}, and on every {@code
 * WebClient.Builder} through {@link WebClientCustomizer}. Independent of the receiving side's {@code
 * invokerguard.enabled}. Unusable credentials (a user's, none) fail start-up.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
    "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration"})
@ConditionalOnClass(OutboundTokens.class)
@ConditionalOnProperty(prefix = "invokerguard.client.targets[0]", name = "url")
@EnableConfigurationProperties(InvokerGuardClientProperties.class)
public class InvokerGuardClientAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OutboundTokens invokerGuardOutboundTokens(
      InvokerGuardClientProperties properties, ObjectProvider<GoogleCredentials> credentials) {
    OutboundTokens.Builder builder = OutboundTokens.builder();
    int index = 0;
    for (InvokerGuardClientProperties.Target target : properties.getTargets()) {
      builder.target(target(target, index++));
    }
    GoogleCredentials given = credentials.getIfUnique();
    if (given != null) {
      builder.credentials(given);
    }
    return builder.build();
  }

  private static OutboundTarget target(InvokerGuardClientProperties.Target properties, int index) {
    String name = "invokerguard.client.targets[" + index + "]";
    if (properties.getUrl() == null || properties.getUrl().isBlank()) {
      throw new OutboundTokenException(OutboundErrorCode.INVALID_TARGET, name + ".url is required");
    }
    try {
      OutboundTarget target = OutboundTarget.of(properties.getUrl())
          .withHeader(TokenHeader.parse(properties.getHeader()));
      String audience = properties.getAudience();
      return audience == null || audience.isBlank() ? target : target.withAudience(audience.strip());
    } catch (OutboundTokenException e) {
      throw new OutboundTokenException(e.code(), name + ": " + e.getMessage(), e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RestClientCustomizer.class)
  static class RestClients {
    @Bean
    @ConditionalOnMissingBean
    IdTokenClientHttpRequestInterceptor invokerGuardIdTokenInterceptor(OutboundTokens tokens) {
      return new IdTokenClientHttpRequestInterceptor(tokens);
    }

    @Bean
    RestClientCustomizer invokerGuardIdTokenRestClientCustomizer(IdTokenClientHttpRequestInterceptor interceptor) {
      return builder -> builder.requestInterceptor(interceptor);
    }

    @Bean
    RestTemplateCustomizer invokerGuardIdTokenRestTemplateCustomizer(IdTokenClientHttpRequestInterceptor interceptor) {
      return restTemplate -> restTemplate.getInterceptors().add(interceptor);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {
      "org.springframework.boot.webclient.WebClientCustomizer",
      "org.springframework.web.reactive.function.client.ExchangeFilterFunction"})
  static class WebClients {
    @Bean
    @ConditionalOnMissingBean
    IdTokenExchangeFilterFunction invokerGuardIdTokenExchangeFilter(OutboundTokens tokens) {
      return new IdTokenExchangeFilterFunction(tokens);
    }

    @Bean
    WebClientCustomizer invokerGuardIdTokenWebClientCustomizer(IdTokenExchangeFilterFunction filter) {
      return builder -> builder.filter(filter);
    }
  }
}
