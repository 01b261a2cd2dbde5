package dev.invokerguard.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialExtractorTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
  private final CredentialExtractor extractor = new CredentialExtractor(16 * 1024, false);

  @Test
  void extractWhenTheSameBearerValueComesAgainInAnotherStringThenTheSameTokenInstance() {
    Credential first = extractor.extract(bearer(new String("Bearer " + TOKEN)));
    Credential second = extractor.extract(bearer(new String("Bearer " + TOKEN)));

    assertThat(first.kind()).isEqualTo(Credential.Kind.TOKEN);
    assertThat(first.token()).isEqualTo(TOKEN);
    assertThat(second.token()).isSameAs(first.token());
  }

  @Test
  void extractWhenTheValueDiffersFromTheLastThenItsOwnToken() {
    extractor.extract(bearer("Bearer " + TOKEN));

    assertThat(extractor.extract(bearer("Bearer " + TOKEN + "x")).token()).isEqualTo(TOKEN + "x");
    assertThat(extractor.extract(bearer("  bearer \t" + TOKEN + "  ")).token()).isEqualTo(TOKEN);
    assertThat(extractor.extract(bearer("Bearer " + TOKEN)).token()).isEqualTo(TOKEN);
  }

  @Test
  void extractWhenTheLastValueWasRefusedThenTheNextIsJudgedOnItsOwn() {
    Credential repeated = extractor.extract(AccessRequest.builder("GET", "svc.example.com", "/")
        .header("Authorization", "Bearer " + TOKEN).header("Authorization", "Bearer " + TOKEN).build());
    Credential serverless = extractor.extract(AccessRequest.builder("GET", "svc.example.com", "/")
        .header("X-Serverless-Authorization", "Basic " + TOKEN).build());

    assertThat(repeated.problem()).isEqualTo(Credential.Problem.REPEATED);
    assertThat(serverless.problem()).isEqualTo(Credential.Problem.NOT_BEARER);
    assertThat(extractor.extract(bearer("Bearer " + TOKEN)).token()).isEqualTo(TOKEN);
  }

  private static AccessRequest bearer(String value) {
    return AccessRequest.builder("GET", "svc.example.com", "/").header("Authorization", value).build();
  }
}
