package dev.invokerguard.token;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code aud} values a service accepts that are learnt at run time: on Cloud Run, the service's own URLs
 * and custom audiences, read from the service resource (see
 * <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">Authenticating
 * service-to-service</a> and
 * <a href="https://cloud.google.com/run/docs/configuring/custom-audiences">Custom audiences</a>). Until they
 * are known, tokens of the family it serves are answered as unverifiable for now
 * ({@link TokenError#AUDIENCES_UNAVAILABLE}, 503), never accepted for any audience.
 */
@FunctionalInterface
public interface AudienceSource {

  /** The audiences accepted now, or empty while they are not known yet. Called on every verification. */
  Optional<Set<String>> current();
}
