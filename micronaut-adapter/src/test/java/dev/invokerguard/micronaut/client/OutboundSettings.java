package dev.invokerguard.micronaut.client;

import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a test application that guards itself and calls itself: its {@code /private/**}
 * (granted to {@link #SERVICE_ACCOUNT} by the test policy) is the one target, with the guard's audience.
 */
public final class OutboundSettings {
  /** The calling application's service account: granted {@code /private/**} by test-policy.yaml. */
  public static final String SERVICE_ACCOUNT = "reporter@test-project.iam.gserviceaccount.com";
  /** The audience the guard accepts. */
  public static final String AUDIENCE = "https://svc.example.com";
  /** Where {@link MetadataCredentialsFactory} finds the fake metadata server. */
  public static final String METADATA_HOST = "test.metadata-host";
  /** Turns {@link CallingController} on. */
  public static final String CALLER = "test.outbound-caller";
  /** The URL {@link CallingController} calls. */
  public static final String BACKEND_URL = "test.backend-url";

  private OutboundSettings() {}

  /** The guard's settings with tokens of {@code issuer}, the target, the caller and the credentials. */
  public static Map<String, Object> of(TestIssuer issuer, FakeMetadataServer metadata, int port) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("invokerguard.policy", "classpath:test-policy.yaml");
    properties.put("invokerguard.audiences", AUDIENCE);
    properties.put("invokerguard.jwks-uri", issuer.jwksUri().toString());
    properties.put("invokerguard.groups", "classpath:test-groups.yaml");
    properties.putAll(client(metadata, port));
    return properties;
  }

  /** Only the client side: the target, the caller and the credentials. */
  public static Map<String, Object> client(FakeMetadataServer metadata, int port) {
    String base = "http://localhost:" + port;
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put("invokerguard.client.targets[0].url", base + "/private");
    properties.put("invokerguard.client.targets[0].audience", AUDIENCE);
    properties.put(METADATA_HOST, metadata.host());
    properties.put(CALLER, "true");
    properties.put(BACKEND_URL, base);
    properties.put("micronaut.http.services.backend.url", base);
    return properties;
  }

  /** A port free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
