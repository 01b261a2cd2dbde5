/**
 * The calling side of Cloud Run service-to-service authentication for Micronaut: {@code
 * invokerguard.client.targets} and a client filter that adds the application's Google ID token to
 * requests to them ({@code invokerguard-client}, {@code micronaut-http-client}).
 */
package dev.invokerguard.micronaut.client;
