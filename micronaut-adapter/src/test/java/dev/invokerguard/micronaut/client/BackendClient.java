package dev.invokerguard.micronaut.client;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;

/** A declarative client of the service id {@code backend} ({@code micronaut.http.services.backend.url}). */
@Client(id = "backend")
@Requires(property = OutboundSettings.CALLER, value = "true")
public interface BackendClient {
  @Get(uri = "/private/x", consumes = MediaType.TEXT_PLAIN)
  String privateX();
}
