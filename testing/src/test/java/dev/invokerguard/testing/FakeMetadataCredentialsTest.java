package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.IdToken;
import com.google.auth.oauth2.IdTokenProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeMetadataCredentialsTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";

  @Test
  void idTokenWithAudienceWhenFakeServerThenGoogleAuthLibraryGetsTheIssuersTokenFromIt() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      IdTokenProvider credentials = (IdTokenProvider) FakeMetadataCredentials.of(server);

      IdToken token = credentials.idTokenWithAudience("https://backend.example",
          List.of(IdTokenProvider.Option.FORMAT_FULL));

      assertThat(Published.verifies(token.getTokenValue(), Published.jwks(issuer.jwksUri()))).isTrue();
      assertThat(com.nimbusds.jwt.SignedJWT.parse(token.getTokenValue()).getJWTClaimsSet().getStringClaim("email"))
          .isEqualTo(SA);
      assertThat(server.identityRequests()).isEqualTo(1);
      assertThat(server.audiences()).containsExactly("https://backend.example");
    }
  }
}
