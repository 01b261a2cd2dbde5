package dev.invokerguard.samples.enduser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample jar in local mode, as a separate process, over raw HTTP: tokens from the page's local
 * sign-in, the API's answers to each caller, and the CORS headers on allowed answers, on the guard's 401
 * and 403, and on preflights that carry no token.
 */
class EndUserApiIT {
  private static final Pattern ID_TOKEN = Pattern.compile("\"idToken\":\"([^\"]+)\"");

  static SampleProcess sample;
  static String origin;

  @BeforeAll
  static void start() throws Exception {
    sample = SampleProcess.start(Map.of()).awaitListening();
    origin = sample.pageOrigin();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
  }

  static String signIn(String form) throws Exception {
    RawHttp.Response response = sample.page().postForm("/local/sign-in", form);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    Matcher m = ID_TOKEN.matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return m.group(1);
  }

  static RawHttp.Response call(String path, String token) throws Exception {
    return sample.api().get(path, "Origin: " + origin, "Authorization: Bearer " + token);
  }

  static void assertCors(RawHttp.Response response) {
    assertThat(response.header("Access-Control-Allow-Origin")).as(response.toString()).hasValue(origin);
    assertThat(response.all("Vary")).as(response.toString()).contains("Origin");
  }

  @Test
  void getPublicWhenSignedOutThenAllowedAsAllUsersWithCors() throws Exception {
    RawHttp.Response response = sample.api().get("/api/public/hello", "Origin: " + origin);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"principal\":\"allUsers\"", "\"endpoint\":\"public\"");
    assertCors(response);
  }

  @Test
  void getMeWhenGrantedUserThenPrincipalAndFirebaseUidWithCors() throws Exception {
    RawHttp.Response response = call("/api/me", signIn("email=alice%40example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains("\"principal\":\"user:alice@example.com\"",
        "\"firebase:aL1ceQ9pZ3rT6vY8wB2nM5kJ7hG4\"", "\"email\":\"alice@example.com\"",
        "\"signInProvider\":\"password\"").doesNotContain("tenant");
    assertCors(response);
  }

  @Test
  void getMeWhenNoTokenThen401ProblemWithCorsAndReadableChallenge() throws Exception {
    RawHttp.Response response = sample.api().get("/api/me", "Origin: " + origin);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"invokerguard\"");
    assertThat(response.header("Access-Control-Expose-Headers")).hasValue("WWW-Authenticate");
    assertCors(response);
  }

  @Test
  void getMeWhenExpiredTokenThen401InvalidTokenWithCors() throws Exception {
    RawHttp.Response response = call("/api/me", signIn("email=alice%40example.com&expired=true"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("error=\"invalid_token\""));
    assertCors(response);
  }

  @Test
  void getAdminWhenUserWithoutTheUidGrantThen403DetailWithCors() throws Exception {
    RawHttp.Response response = call("/api/admin/", signIn("email=alice%40example.com"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("\"status\":403",
        "\"detail\":\"user:alice@example.com is not granted access");
    assertCors(response);
  }

  @Test
  void getAdminWhenAdminUidThenAllowed() throws Exception {
    RawHttp.Response response = call("/api/admin/", signIn("email=ada%40example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains("\"endpoint\":\"admin\"", "\"firebase:" + LocalIssuer.ADMIN_UID + "\"");
    assertCors(response);
  }

  @Test
  void getWhenSignedInWithoutAnyGrantThenOnlyThePublicArea() throws Exception {
    String mallory = signIn("email=mallory%40example.com");

    assertThat(call("/api/me", mallory).status()).isEqualTo(403);
    assertThat(call("/api/admin/", mallory).status()).isEqualTo(403);
    assertThat(call("/api/public/x", mallory).status()).isEqualTo(200);
  }

  @Test
  void getWhenTokenOfATenantTheApiDoesNotAcceptThenInvalidTokenOutsideThePublicArea() throws Exception {
    String tenantUser = signIn("email=alice%40example.com&tenant=customer-a1");

    RawHttp.Response me = call("/api/me", tenantUser);

    assertThat(me.status()).isEqualTo(401);
    assertThat(me.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    assertThat(call("/api/public/x", tenantUser).body()).contains("\"principal\":\"allUsers\"");
  }

  @Test
  void getWhenAnonymousSignInThenOnlyItsUidNotAllAuthenticatedUsersAndNoGrant() throws Exception {
    RawHttp.Response signIn = sample.page().postForm("/local/sign-in", "anonymous=true");
    assertThat(signIn.body()).contains("\"email\":null");
    Matcher token = ID_TOKEN.matcher(signIn.body());
    assertThat(token.find()).isTrue();

    RawHttp.Response open = call("/api/public/x", token.group(1));
    RawHttp.Response me = call("/api/me", token.group(1));

    assertThat(open.body()).containsPattern("\"principal\":\"firebase:[A-Za-z0-9]{28}\"")
        .contains("\"signInProvider\":\"anonymous\"").doesNotContain("allAuthenticatedUsers");
    assertThat(me.status()).isEqualTo(403);
    assertCors(me);
  }

  @Test
  void getWhenOriginNotThePagesThenDenialWithoutCorsHeaders() throws Exception {
    RawHttp.Response response = sample.api().get("/api/me", "Origin: https://evil.example");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void preflightWhenNoTokenThenPassesTheGuardAndIsAnsweredByCorsConfiguration() throws Exception {
    RawHttp.Response response = sample.api().options("/api/admin/", "Origin: " + origin,
        "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).hasValue(origin);
    assertThat(response.header("Access-Control-Allow-Headers")).hasValueSatisfying(
        v -> assertThat(v.toLowerCase()).contains("authorization"));
    assertThat(response.header("WWW-Authenticate")).isEmpty();
    sample.awaitOutput(out -> out.contains("CORS preflight OPTIONS /api/admin/ from " + origin
        + " (Access-Control-Request-Headers: authorization): 200"));
  }

  @Test
  void preflightWhenOtherOriginThenRefusedWithoutCorsHeaders() throws Exception {
    RawHttp.Response response = sample.api().options("/api/me", "Origin: https://evil.example",
        "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void signInWhenLocalThenTokenCarriesTheClaimsOfAFirebaseIdToken() throws Exception {
    String token = signIn("email=Bob%40Example.com&tenant=tenant-a1");
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);

    assertThat(header).contains("\"alg\":\"RS256\"", "\"kid\":");
    assertThat(payload).contains("\"iss\":\"https://securetoken.google.com/invokerguard-local\"",
        "\"aud\":\"invokerguard-local\"", "\"sub\":\"" + LocalIssuer.uid("bob@example.com") + "\"",
        "\"user_id\":\"" + LocalIssuer.uid("bob@example.com") + "\"", "\"auth_time\":", "\"iat\":",
        "\"exp\":", "\"email\":\"bob@example.com\"", "\"email_verified\":true",
        "\"identities\":{\"email\":[\"bob@example.com\"]}", "\"sign_in_provider\":\"password\"",
        "\"tenant\":\"tenant-a1\"");
  }

  @Test
  void signInWhenNotAnEmailOrNotAFormThenClientError() throws Exception {
    assertThat(sample.page().postForm("/local/sign-in", "email=nobody").status()).isEqualTo(400);
    assertThat(sample.page().get("/local/sign-in").status()).isEqualTo(405);
  }

  @Test
  void pageWhenServedThenConfigNamesLocalModeAndTheApi() throws Exception {
    assertThat(sample.page().get("/").body()).contains("id=\"call-me\"", "type=\"module\"");
    assertThat(sample.page().get("/config.json").body())
        .isEqualTo("{\"mode\":\"local\",\"api\":\"http://localhost:" + sample.apiPort + "\"}");
    assertThat(sample.page().get("/../pom.xml").status()).isEqualTo(404);
  }
}
