package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.LibraryClock;
import com.google.auth.oauth2.UserCredentials;
import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleIdTokenSourceTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private static final String AUDIENCE = "https://backend-abc-uc.a.run.app";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
  private TestIssuer issuer;
  private FakeMetadataServer metadata;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    issuer = TestIssuer.start(clock);
    metadata = FakeMetadataServer.start(issuer, SA);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    metadata.close();
    issuer.close();
  }

  private GoogleIdTokenSource source() {
    GoogleIdTokenSource source =
        GoogleIdTokenSource.builder(AUDIENCE).credentials(Metadata.credentials(metadata)).build();
    LibraryClock.set(source.credentials(), clock);
    return source;
  }

  @Test
  void tokenWhenMetadataServerThenTokenForTheAudienceWithTheEmail() throws Exception {
    String token = source().token();

    var claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getStringClaim("email")).isEqualTo(SA);
    assertThat(metadata.audiences()).containsExactly(AUDIENCE);
  }

  @Test
  void tokenWhenCalledManyTimesConcurrentlyThenOneMint() throws Exception {
    GoogleIdTokenSource source = source();
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(pool.submit(source::token));
    }
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    for (Future<String> call : calls) {
      tokens.add(call.get(60, TimeUnit.SECONDS));
    }

    assertThat(tokens).hasSize(1);
    assertThat(metadata.identityRequests()).isEqualTo(1);
  }

  @Test
  void tokenWhenStillFreshThenNoMint() {
    GoogleIdTokenSource source = source();
    String first = source.token();
    clock.advance(Duration.ofMinutes(50));

    assertThat(source.token()).isEqualTo(first);
    assertThat(metadata.identityRequests()).isEqualTo(1);
  }

  @Test
  void tokenWhenNearExpiryThenServedAtOnceAndRenewedInTheBackground() throws Exception {
    AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    GoogleIdTokenSource source =
        GoogleIdTokenSource.builder(AUDIENCE)
            .credentials(Metadata.credentials(metadata))
            .refreshExecutor(task -> pool.execute(() -> awaitThenRun(gate.get(), task)))
            .build();
    LibraryClock.set(source.credentials(), clock);
    String first = source.token();
    clock.advance(Duration.ofMinutes(56).plusSeconds(30)); // 3 min 30 s left: inside the refresh margin
    CountDownLatch held = new CountDownLatch(1);
    gate.set(held);

    // served from the cache at once, while the renewal waits on the refresh executor
    assertThat(source.token()).isEqualTo(first);
    assertThat(metadata.identityRequests()).isEqualTo(1);
    held.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String renewed = first;
    while (renewed.equals(first) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      renewed = source.token();
    }
    assertThat(renewed).isNotEqualTo(first);
    assertThat(metadata.identityRequests()).isEqualTo(2);
    assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void tokenAsyncWhenTokenHeldThenCompleteOnReturn() throws Exception {
    GoogleIdTokenSource source = source();
    String first = source.token();

    var again = source.tokenAsync();

    assertThat(again).isCompletedWithValue(first);
    assertThat(metadata.identityRequests()).isEqualTo(1);
  }

  @Test
  void tokenAsyncWhenNoTokenThenMintRunsOnTheRefreshExecutorNotTheCaller() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    GoogleIdTokenSource source =
        GoogleIdTokenSource.builder(AUDIENCE)
            .credentials(Metadata.credentials(metadata))
            .refreshExecutor(task -> pool.execute(() -> awaitThenRun(gate, task)))
            .build();

    var token = source.tokenAsync();

    assertThat(token).isNotDone();
    assertThat(metadata.identityRequests()).isZero();
    gate.countDown();
    assertThat(SignedJWT.parse(token.get(60, TimeUnit.SECONDS)).getJWTClaimsSet().getAudience())
        .containsExactly(AUDIENCE);
  }

  @Test
  void tokenAsyncWhenMintFailsThenFailsWithOutboundTokenException() {
    metadata.status(503);

    assertThat(source().tokenAsync())
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(OutboundTokenException.class);
  }

  private static void awaitThenRun(CountDownLatch gate, Runnable task) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    task.run();
  }

  @Test
  void tokenWhenExpiredThenMintsAgain() {
    GoogleIdTokenSource source = source();
    String first = source.token();
    clock.advance(Duration.ofMinutes(58));

    assertThat(source.token()).isNotEqualTo(first);
    assertThat(metadata.identityRequests()).isEqualTo(2);
  }

  @Test
  void tokenWhenMetadataServerFailsThenClearError() {
    metadata.status(404);
    GoogleIdTokenSource source = source();

    assertThatThrownBy(source::token)
        .isInstanceOf(OutboundTokenException.class)
        .hasMessageContaining("cannot mint an ID token for " + AUDIENCE)
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.MINT_FAILED);
  }

  @Test
  void buildWhenUserCredentialsThenRefusedWithHowToImpersonate() {
    UserCredentials user =
        UserCredentials.newBuilder()
            .setClientId("client")
            .setClientSecret("secret")
            .setRefreshToken("refresh")
            .build();

    assertThatThrownBy(() -> GoogleIdTokenSource.builder(AUDIENCE).credentials(user).build())
        .isInstanceOf(OutboundTokenException.class)
        .hasMessageContaining("user's")
        .hasMessageContaining("--impersonate-service-account")
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.USER_CREDENTIALS);
  }

  @Test
  void buildWhenCredentialsCannotMintIdTokensThenRefused() {
    GoogleCredentials accessOnly = GoogleCredentials.create(new AccessToken("t", null));

    assertThatThrownBy(() -> GoogleIdTokenSource.builder(AUDIENCE).credentials(accessOnly).build())
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.NOT_AN_ID_TOKEN_PROVIDER);
  }

  @Test
  void builderWhenAudienceBlankThenRefused() {
    assertThatThrownBy(() -> GoogleIdTokenSource.builder(" "))
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.INVALID_TARGET);
  }
}
