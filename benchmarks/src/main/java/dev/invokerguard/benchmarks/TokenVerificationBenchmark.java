package dev.invokerguard.benchmarks;

import com.google.auth.oauth2.TokenVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification of one Google-shaped RS256 token (RSA-2048, a JWK set of three keys), side by side:
 * the raw JCA verify as the floor, the mainstream libraries, and InvokerGuard with and without its
 * verified-token cache. Compare the rows as ratios to {@code floorRsaVerify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=error")
public class TokenVerificationBenchmark {
  static final String AUDIENCE = "https://hello-abc123-uc.a.run.app";

  ThreeKeyIssuer issuer;
  String token;
  byte[] tokenBytes;
  byte[] signingInput;
  byte[] signature;
  PublicKey publicKey;
  Signature jca;
  DefaultJWTProcessor<SecurityContext> nimbus;
  TokenVerifier googleAuth;
  GoogleIdTokenVerifier guardMiss;
  GoogleIdTokenVerifier guardHit;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    issuer = new ThreeKeyIssuer();
    token = issuer.serviceAccountToken("caller@my-project.iam.gserviceaccount.com", AUDIENCE);
    tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
    int lastDot = token.lastIndexOf('.');
    signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));

    JWKSet keys = JWKSet.parse(fetch(issuer.jwksUri()));
    publicKey = keys.getKeyByKeyId(issuer.signingKey.getKeyID()).toRSAKey().toRSAPublicKey();
    jca = Signature.getInstance("SHA256withRSA");

    nimbus = new DefaultJWTProcessor<>();
    nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
    nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
        new JWTClaimsSet.Builder().issuer("https://accounts.google.com").build(),
        Set.of("sub", "exp", "iat", "email")));

    googleAuth = TokenVerifier.newBuilder()
        .setAudience(AUDIENCE)
        .setIssuer("https://accounts.google.com")
        .setCertificatesLocation(issuer.jwksUri().toString())
        .build();

    guardMiss = guard(0);
    guardHit = guard(GoogleIdTokenVerifier.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);
    check(guardMiss.verify(token));
    check(guardHit.verify(token));
    googleAuth.verify(token);
    nimbus.process(token, null);
  }

  private GoogleIdTokenVerifier guard(long cacheSize) {
    GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri()))
        .verifiedTokenCacheSize(cacheSize)
        .build();
    if (!verifier.prefetch()) {
      throw new IllegalStateException("keys could not be prefetched");
    }
    return verifier;
  }

  private static void check(TokenVerification verification) {
    if (!verification.isVerified()) {
      throw new IllegalStateException("benchmark token rejected: " + verification.error());
    }
  }

  private static String fetch(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    guardMiss.close();
    guardHit.close();
    issuer.close();
  }

  @Benchmark
  public boolean floorRsaVerify() throws Exception {
    jca.initVerify(publicKey);
    jca.update(signingInput);
    return jca.verify(signature);
  }

  @Benchmark
  public Object nimbusProcessor() throws Exception {
    return nimbus.process(token, null);
  }

  @Benchmark
  public Object googleAuthTokenVerifier() throws Exception {
    return googleAuth.verify(token);
  }

  @Benchmark
  public Object guardVerifyMiss() {
    return guardMiss.verify(token);
  }

  /** A fresh String per call, as a token arrives from a request header. */
  @Benchmark
  public Object guardVerifyHit() {
    return guardHit.verify(new String(tokenBytes, StandardCharsets.ISO_8859_1));
  }
}
