package dev.invokerguard.runtime;

import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.policy.LoadedAllowPolicy;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms up, on one background daemon thread, what the guard's start and first request will need, so that
 * this work runs on another processor while the framework builds its context (the technique of Spring Boot's
 * {@code BackgroundPreinitializer}). Adapters call {@link #start} at their earliest start-up hook;
 * {@link GuardRuntime} does not wait for it and works the same without it.
 *
 * <p>The warm-up builds a throwaway verifier and guard, with a fixed key set and policy of its own, and decides
 * two requests with them: that loads and initialises the JSON readers (Jackson), the key-set parser, the RSA
 * {@code KeyFactory} and the RS256 {@code Signature} (the JDK's JCA providers), the Caffeine caches,
 * the policy reader and condition compiler, the evaluator and the problem rendering, and the JDK's
 * {@link HttpURLConnection} the key fetcher uses. When the key endpoint is reached over TLS ({@link #usesTls}:
 * Google's is; a local {@code http} issuer is not) it also initialises a TLS {@link SSLContext} of its own
 * (which loads the JDK's trust store; the default context is left alone, so {@code javax.net.ssl.*} properties
 * set later still apply). It opens no connection, touches no shared state but loaded classes and class-level
 * readers, and tells no listener: a decision of the application is never affected. What only some deployments
 * need is warmed only for them ({@link Plan}): a YAML reader when {@code invokerguard.policy} or
 * {@code invokerguard.local-policy} names a {@code .yaml} or {@code .yml} document; the EC {@code KeyFactory} and
 * the ES256 {@code Signature} when {@code invokerguard.iap-audience} is set (IAP signs with ES256; Google's and
 * Firebase's ID tokens are RS256).
 *
 * <p>It runs once per class loader, never throws, and is skipped on a single processor (where it could only
 * compete with the start it means to shorten), when {@code invokerguard.preinitialize} is {@code false}
 * (property, or {@code -Dinvokerguard.preinitialize=false}), and when {@code invokerguard.enabled} is
 * {@code false}.
 */
public final class Preinitializer {
  /** The switch, {@link SettingKey#PREINITIALIZE}'s property: {@code false} turns the warm-up off. */
  public static final String PROPERTY = SettingKey.PREINITIALIZE.property();
  /** The adapters' switch for the whole guard; {@code false} also turns the warm-up off. */
  static final String ENABLED_PROPERTY = "invokerguard.enabled";
  static final String THREAD_NAME = "invokerguard-preinitialize";
  private static final Logger log = LoggerFactory.getLogger(Preinitializer.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final CountDownLatch DONE = new CountDownLatch(1);

  // A key set and an RS256 token made for the warm-up alone; the private key was discarded. Only the
  // throwaway verifier below trusts these keys.
  private static final String AUDIENCE = "https://preinitialize.invokerguard.invalid";
  static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private static final String RSA_N = "yvnkmf2YDTthwB9n89-WHSzaJavMcsZ1hEUA0BRx_PGY-FLTLLk6exXIeMnSrzQ-U2zxzeyyOm-"
      + "avgY1x8kUmsCPTSdk40lUqXba_Vp9ERua9sXDXP9Rbsj2ya2oeuI4mL5lU4Uw9n2fh7wDjKjU_qOLkIHaD7by1gWlgvAqlD4stf8QNY"
      + "pY8YuMjCsPp40dE1UV3nqPM85InDx9cmdvEjWk3lFjnd-pSHUs83JYC4jYbN6GVRN0zc7Ne82-VKDyAklt4z8Sfhp9sNGEcRtRP8lT"
      + "W6eUsK_q6_-oZk7hus_nnhh_F3VvBeV2xD1dgPXK217tEIOS46WyDyuPh6bnjQ";
  private static final String RSA_KEY = "{\"kty\":\"RSA\",\"kid\":\"preinitialize-rsa\",\"use\":\"sig\","
      + "\"alg\":\"RS256\",\"n\":\"" + RSA_N + "\",\"e\":\"AQAB\"}";
  private static final String RSA_KEY_SET = "{\"keys\":[" + RSA_KEY + "]}";
  private static final String RSA_AND_EC_KEY_SET = "{\"keys\":[" + RSA_KEY + ","
      + "{\"kty\":\"EC\",\"kid\":\"preinitialize-ec\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\","
      + "\"x\":\"PQ30e1ciGvP7_cPz4ZsPFXs9RJ7hVBQj4H0YUfyCYdM\",\"y\":\"5tuomR0OCjPnbGZiG-lZzinJK6eorhTqYqE4vybgGhk\"}]}";
  static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InByZWluaXRpYWxpemUtcnNhIiwidHlwIjoiSldUIn0."
      + "eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJhdWQiOiJodHRwczovL3ByZWluaXRpYWxpemUuaW52b2tlcmd1YXJk"
      + "LmludmFsaWQiLCJzdWIiOiIxIiwiZW1haWwiOiJwcmVpbml0aWFsaXplQGludm9rZXJndWFyZC5pbnZhbGlkIiwiZW1haWxfdmVyaWZp"
      + "ZWQiOnRydWUsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjI5MjAwfQ."
      + "w1BcRZJqHGWJbloHqvUIYLb3ysmlUESABNY-6pcL--6RDEdaE6snTFAb5a_d68dZwkIAKPpNQ8pzJSpphrOWYk240ZoLI8a9Yj5fSBl"
      + "DAUNAC5nDbQR4IsQ0lxKI-Vy09S_09UTB3d2kMfwSFGP9mEw7xbgHsSxbC61Vncb0PaZ8ZGVa9tnFkFSPJfzfN7a6HjUVUusQ6lcyECY"
      + "cfr1BaLcglSWIu9i2E4MxuHVVfEHIS8GhNZYV6WZB91cxUcJLFYsvqgh5njpdR7xgzPPBdc8D0Q5QTFmiXZjn3iCnLaVCnPjC0_Ne3vE"
      + "3DU0F4AXjnZGbmnMuBJ8oa-STdi_Fbg";
  private static final String MEMBER = "user:preinitialize@invokerguard.invalid";
  private static final String CONDITION = "request.path.startsWith(\\\"/\\\")";
  private static final String POLICY_JSON = "{\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\""
      + MEMBER + "\"],\"condition\":{\"title\":\"warm-up\",\"expression\":\"" + CONDITION + "\"}}],\"version\":3}";
  private static final String POLICY_YAML = "bindings:\n- role: roles/run.invoker\n  members:\n  - " + MEMBER
      + "\n  condition:\n    title: warm-up\n    expression: request.path.startsWith(\"/\")\nversion: 3\n";

  private Preinitializer() {}

  /**
   * Whether the settings let the warm-up run: not when {@code invokerguard.preinitialize} or
   * {@code invokerguard.enabled} is {@code false}.
   *
   * @param properties looks up a property ({@code invokerguard.preinitialize}); {@code null} when unset
   */
  public static boolean enabled(Function<String, @Nullable String> properties) {
    return !isFalse(properties.apply(PROPERTY)) && !isFalse(properties.apply(ENABLED_PROPERTY))
        && !isFalse(System.getProperty(PROPERTY));
  }

  /**
   * Starts the warm-up on a daemon thread, unless the settings turn it off ({@link #enabled}), the JVM has a
   * single processor, or it was started before. Returns at once; never throws.
   *
   * @param properties looks up a property ({@code invokerguard.preinitialize}, {@code invokerguard.policy});
   *     {@code null} when unset
   * @return whether this call started it
   */
  public static boolean start(Function<String, @Nullable String> properties) {
    try {
      if (!enabled(properties) || Runtime.getRuntime().availableProcessors() < 2
          || !STARTED.compareAndSet(false, true)) {
        return false;
      }
      Plan plan = Plan.of(properties);
      Thread thread = new Thread(() -> {
        try {
          warmUp(plan);
        } finally {
          DONE.countDown();
        }
      }, THREAD_NAME);
      thread.setDaemon(true);
      thread.start();
      return true;
    } catch (RuntimeException | Error e) {
      DONE.countDown();
      return false;
    }
  }

  /** Waits for a started warm-up to end; for tests. */
  static boolean awaitDone(Duration timeout) throws InterruptedException {
    return DONE.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the warm-up on the calling thread. Never throws.
   *
   * @return the steps that did not do what they should (empty when all did)
   */
  static List<String> warmUp(Plan plan) {
    List<String> failed = new ArrayList<>();
    if (plan.tls()) {
      step("tls", failed, Preinitializer::tls);
    }
    step("guard", failed, () -> guard(plan));
    step("http-connection", failed, Preinitializer::httpConnection);
    return failed;
  }

  /**
   * Whether the key endpoint is reached over TLS: Google's (the default) is; an {@code http} one (a local issuer,
   * allowed on loopback only) is not, and then no TLS context is warmed for it.
   */
  static boolean usesTls(@Nullable String keySetUri) {
    return keySetUri == null || keySetUri.isBlank()
        || !keySetUri.strip().toLowerCase(Locale.ROOT).startsWith("http:");
  }

  /**
   * What the warm-up covers beyond what every deployment needs.
   *
   * @param yaml a policy document is YAML
   * @param tls the Google key endpoint is reached over TLS ({@link #usesTls})
   * @param ec ES256 keys and signatures are expected (an IAP audience is set)
   */
  record Plan(boolean yaml, boolean tls, boolean ec) {
    /** The plan for these settings. */
    static Plan of(Function<String, @Nullable String> properties) {
      String iapAudience = properties.apply(SettingKey.IAP_AUDIENCE.property());
      return new Plan(isYaml(properties.apply(SettingKey.POLICY.property()))
          || isYaml(properties.apply(SettingKey.LOCAL_POLICY.property())),
          usesTls(properties.apply(SettingKey.JWKS_URI.property())),
          iapAudience != null && !iapAudience.isBlank());
    }
  }

  /** One step of the warm-up: returns whether it did what it should; may throw. */
  interface Step {
    boolean run() throws Exception;
  }

  static void step(String name, List<String> failed, Step step) {
    long start = System.nanoTime();
    try {
      if (!step.run()) {
        failed.add(name);
      }
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed.add(name);
      log.debug("start-up warm-up step {} failed: {}", name, e.toString());
    }
    log.debug("start-up warm-up step {} took {} ms", name, (System.nanoTime() - start) / 1_000_000);
  }

  /** The TLS engine and the trust store, in a context of its own. */
  private static boolean tls() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    return context.getDefaultSSLParameters() != null;
  }

  /** The verifier and guard of a throwaway deployment: an allowed request with a token, a refused one without. */
  private static boolean guard(Plan plan) throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    if (plan.ec()) {
      Signature.getInstance("SHA256withECDSAinP1363Format");
    }
    try (GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)), plan.ec() ? RSA_AND_EC_KEY_SET : RSA_KEY_SET).clock(clock)
        .build()) {
      // Loaded through the loader, not as documents of the guard: a policy source would log the load.
      PolicyLoader loader = PolicyLoader.defaults();
      List<LoadedAllowPolicy> policies = new ArrayList<>();
      policies.add(loader.loadAllowOrThrow(PolicyText.json("warm-up.json", POLICY_JSON), PolicyLayer.SERVICE));
      if (plan.yaml()) {
        policies.add(loader.loadAllowOrThrow(PolicyText.yaml("warm-up.yaml", POLICY_YAML), PolicyLayer.LOCAL));
      }
      InvokerGuard guard = InvokerGuard.builder().verifier(verifier).clock(clock)
          .evaluator(PolicyEvaluator.of(policies, List.of())).build();
      Decision allowed = guard.check(AccessRequest.builder("GET", "preinitialize.invokerguard.invalid", "/warm-up")
          .header("Authorization", "Bearer " + TOKEN).build());
      Decision refused = guard.check(AccessRequest.builder("GET", "preinitialize.invokerguard.invalid", "/warm-up")
          .build());
      return allowed.allowed() && refused.status() == 401 && refused.problem().isPresent();
    }
  }

  /** The JDK's HTTP connection the key fetcher uses, opened but never connected. */
  private static boolean httpConnection() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://preinitialize.invokerguard.invalid/")
        .toURL().openConnection();
    connection.setConnectTimeout(1_000);
    connection.setReadTimeout(1_000);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestProperty("Accept", "application/json");
    return connection.getRequestMethod().equals("GET");
  }

  private static boolean isFalse(@Nullable String value) {
    return value != null && value.strip().equalsIgnoreCase("false");
  }

  private static boolean isYaml(@Nullable String locations) {
    if (locations == null) {
      return false;
    }
    String lower = locations.toLowerCase(Locale.ROOT);
    return lower.contains(".yaml") || lower.contains(".yml");
  }
}
