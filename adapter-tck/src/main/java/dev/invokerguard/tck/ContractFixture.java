package dev.invokerguard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.SettingKey;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What every contract group shares: the {@link TestIssuer}, the policy file, the settings the suite gives an
 * adapter, the callers' tokens, and the adapter started with the default settings.
 */
final class ContractFixture {
  /** The service's audience, the only one the adapter accepts. */
  static final String AUDIENCE = "https://contract.invokerguard.test";
  static final String ALICE = "user:alice@example.com";
  static final String BOB = "user:bob@example.com";
  static final String SERVICE_ACCOUNT = "caller@contract.iam.gserviceaccount.com";
  static final String ALL_USERS = "allUsers";
  /** Open to {@code allUsers} by the contract policy; every other path is private. */
  static final String PUBLIC_PATH = "/public/a";
  static final String PRIVATE_PATH = "/private/a";
  /** Open to {@code allUsers} on the host {@value #PUBLIC_HOST} only. */
  static final String HOST_PATH = "/host/a";
  static final String PUBLIC_HOST = "public.invokerguard.test";
  /**
   * How long the suite waits for an adapter's first keys. A key fetch that times out on a loaded machine is
   * retried only after the key source's back-off (30 s by default), so this covers one failed start-up
   * fetch and its retry.
   */
  static final Duration KEYS_WAIT = Duration.ofSeconds(90);
  private static final String POLICY_RESOURCE = "contract-policy.json";

  /** Starts an adapter with a settings map: {@link AdapterContractSuite#start}. */
  @FunctionalInterface
  interface Starter {
    RunningAdapter start(Map<String, String> settings) throws Exception;
  }

  final TestIssuer issuer;
  final Path directory;
  final Path policy;
  private final Starter starter;
  private RunningAdapter adapter;
  private ContractClient client;

  private ContractFixture(Starter starter, TestIssuer issuer, Path directory, Path policy) {
    this.starter = starter;
    this.issuer = issuer;
    this.directory = directory;
    this.policy = policy;
  }

  /** Starts the issuer, writes the policy and starts the adapter with {@link #settings()}, keys in hand. */
  static ContractFixture start(Starter starter) throws Exception {
    Path directory = Files.createTempDirectory("invokerguard-tck");
    Path policy = directory.resolve(POLICY_RESOURCE);
    try (InputStream in = ContractFixture.class.getResourceAsStream(POLICY_RESOURCE)) {
      Files.copy(Objects.requireNonNull(in, POLICY_RESOURCE), policy);
    }
    ContractFixture fixture = new ContractFixture(starter, TestIssuer.start(), directory, policy);
    try {
      fixture.adapter = fixture.startAdapter(fixture.settings());
      fixture.client = new ContractClient(fixture.adapter.baseUri());
      fixture.awaitKeys(fixture.client, false);
      return fixture;
    } catch (Exception | Error e) {
      fixture.stop();
      throw e;
    }
  }

  /**
   * The settings of the contract: the policy file, the audience and the issuer's JWK set. A copy the caller
   * may change.
   */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(SettingKey.POLICY.property(), policy.toString());
    settings.put(SettingKey.AUDIENCES.property(), AUDIENCE);
    settings.put(SettingKey.JWKS_URI.property(), issuer.jwksUri().toString());
    return settings;
  }

  /** Starts one more adapter (the caller stops it); fails clearly when the module's start hook misbehaves. */
  RunningAdapter startAdapter(Map<String, String> settings) throws Exception {
    RunningAdapter started = starter.start(Map.copyOf(settings));
    assertThat(started).as("the adapter the test's start(settings) returned").isNotNull();
    try {
      assertThat(started.baseUri()).as("baseUri() of the started adapter").isNotNull();
      assertThat(started.baseUri().getScheme()).as("scheme of baseUri()").isEqualTo("http");
      assertThat(started.baseUri().getPort()).as("port of baseUri()").isPositive();
      return started;
    } catch (RuntimeException | Error e) {
      started.stop();
      throw e;
    }
  }

  /** The adapter started with {@link #settings()}. */
  RunningAdapter adapter() {
    return adapter;
  }

  /** A client of {@link #adapter()}. */
  ContractClient client() {
    return client;
  }

  /**
   * Waits until the adapter has its keys: a granted caller's request is no longer answered 503 (in shadow
   * mode, where a 503 is served too, until the caller is served as {@value #ALICE}). On a loaded machine the
   * start-up key fetch may time out; requests are then answered 503 until a retry succeeds. The checks that
   * follow are about the HTTP contract, not about how fast keys arrive.
   */
  void awaitKeys(ContractClient to, boolean shadow) throws IOException, InterruptedException {
    String token = alice();
    Instant deadline = Instant.now().plus(KEYS_WAIT);
    Reply last = to.get(PRIVATE_PATH, "Authorization: Bearer " + token);
    while (waitingForKeys(last, shadow) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      last = to.get(PRIVATE_PATH, "Authorization: Bearer " + token);
    }
    if (waitingForKeys(last, shadow)) {
      throw new AssertionError("the adapter had no usable keys after " + KEYS_WAIT + "; last answer:\n" + last);
    }
  }

  private static boolean waitingForKeys(Reply reply, boolean shadow) {
    return reply.status() == 503 || (shadow && reply.status() == 200 && !reply.body().contains(ALICE));
  }

  /** A token of {@value #ALICE}, granted everywhere. */
  String alice() {
    return issuer.user("alice@example.com").audience(AUDIENCE).sign();
  }

  /** A token of {@value #BOB}, who holds no invoking role. */
  String bob() {
    return issuer.user("bob@example.com").audience(AUDIENCE).sign();
  }

  /** A token of the service account {@value #SERVICE_ACCOUNT}, granted everywhere. */
  String serviceAccount() {
    return issuer.serviceAccount(SERVICE_ACCOUNT).audience(AUDIENCE).sign();
  }

  /** Stops the adapter and the issuer, and deletes the policy file. */
  void stop() throws Exception {
    try {
      if (adapter != null) {
        adapter.stop();
      }
    } finally {
      issuer.close();
      deleteTree(directory);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
