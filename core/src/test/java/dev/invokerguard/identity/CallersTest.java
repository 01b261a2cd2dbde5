package dev.invokerguard.identity;

import static dev.invokerguard.token.TokenFamily.Kind.FIREBASE;
import static dev.invokerguard.token.TokenFamily.Kind.GOOGLE;
import static dev.invokerguard.token.TokenFamily.Kind.IAP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.token.TokenFamily;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallersTest {

  static Stream<Arguments> tokens() {
    return Stream.of(
        Arguments.of("google user", GOOGLE, "Alice@Example.COM", true, null,
            "user:alice@example.com", List.of("user:alice@example.com")),
        Arguments.of("iam service account", GOOGLE, "sa@my-project.iam.gserviceaccount.com", true, null,
            "serviceAccount:sa@my-project.iam.gserviceaccount.com",
            List.of("serviceAccount:sa@my-project.iam.gserviceaccount.com")),
        Arguments.of("app engine default", GOOGLE, "my-project@appspot.gserviceaccount.com", true, null,
            "serviceAccount:my-project@appspot.gserviceaccount.com",
            List.of("serviceAccount:my-project@appspot.gserviceaccount.com")),
        Arguments.of("compute default", GOOGLE, "123-compute@developer.gserviceaccount.com", true, null,
            "serviceAccount:123-compute@developer.gserviceaccount.com",
            List.of("serviceAccount:123-compute@developer.gserviceaccount.com")),
        Arguments.of("lookalike user", GOOGLE, "sa@gserviceaccount.com.example.org", true, null,
            "user:sa@gserviceaccount.com.example.org", List.of("user:sa@gserviceaccount.com.example.org")),
        Arguments.of("workspace user", GOOGLE, "bob@example.com", true, "Example.com",
            "user:bob@example.com", List.of("user:bob@example.com", "domain:example.com")),
        Arguments.of("no email", GOOGLE, null, false, null, "allAuthenticatedUsers", List.of()),
        Arguments.of("firebase verified", FIREBASE, "carol@example.com", true, null,
            "user:carol@example.com", List.of("user:carol@example.com", "firebase:uid-1")),
        Arguments.of("firebase unverified", FIREBASE, "carol@example.com", false, null,
            "firebase:uid-1", List.of("firebase:uid-1")),
        Arguments.of("firebase hd claim ignored", FIREBASE, "carol@example.com", true, "example.com",
            "user:carol@example.com", List.of("user:carol@example.com", "firebase:uid-1")),
        Arguments.of("iap", IAP, "dave@example.com", false, "example.com",
            "user:dave@example.com", List.of("user:dave@example.com", "domain:example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void fromTokenWhenClaimsThenMembers(String name, TokenFamily.Kind family, String email, boolean verified,
      String hd, String principal, List<String> specific) {
    Caller caller = Callers.fromToken(Tokens.token(family, "uid-1", email, verified, hd));

    List<String> expected = new java.util.ArrayList<>(specific);
    expected.add("allAuthenticatedUsers");
    expected.add("allUsers");
    assertThat(caller.principal()).isEqualTo(principal);
    assertThat(caller.members()).containsExactlyElementsOf(expected);
    assertThat(caller.anonymous()).isFalse();
  }

  @Test
  void fromTokenWhenEmailHasKelvinSignThenNotFoldedIntoAsciiK() {
    Caller caller = Callers.fromToken(Tokens.google("\u212Aate@Example.com"));

    assertThat(caller.principal()).isEqualTo("user:\u212Aate@Example.com");
    assertThat(caller.matches("user:kate@example.com")).isFalse();
  }

  @Test
  void fromTokenWhenHdHasNonAsciiLetterThenKeptAsIs() {
    Caller caller = Callers.fromToken(Tokens.token(TokenFamily.Kind.GOOGLE, "1", "a@x.com", true,
        "\u212Aitchen.example"));

    assertThat(caller.members()).contains("domain:\u212Aitchen.example").doesNotContain("domain:kitchen.example");
  }

  @Test
  void foldCaseWhenAsciiThenLettersLowercasedWhenOtherCharactersThenUnchanged() {
    assertThat(Callers.foldCase("Alice.O'Neil+Tag@Example.COM")).isEqualTo("alice.o'neil+tag@example.com");
    assertThat(Callers.foldCase("K\u00c4TE@Example.com")).isEqualTo("K\u00c4TE@Example.com");
    assertThat(Callers.foldCase("\u0130nci@example.com")).isEqualTo("\u0130nci@example.com");
    assertThat(Callers.foldCase("already@lower.case")).isEqualTo("already@lower.case");
  }

  @Test
  void fromMembersWhenNonAsciiEmailThenKeptExactlyAndAsciiLowercased() {
    Caller caller = Callers.fromMembers(List.of("user:\u212Aate@Example.com", "group:Team@Example.com",
        "firebase:UID-1"));

    assertThat(caller.members()).containsExactly("user:\u212Aate@Example.com", "group:team@example.com",
        "firebase:UID-1", "allAuthenticatedUsers", "allUsers");
  }

  @Test
  void fromTokenWhenEmailSuffixButNoHdThenNoDomainMember() {
    Caller caller = Callers.fromToken(Tokens.google("eve@example.com"));

    assertThat(caller.members()).noneMatch(m -> m.startsWith("domain:"));
  }

  @Test
  void fromTokenWhenNoEmailThenFlaggedAndOnlyAllAuthenticatedUsers() {
    Caller caller = Callers.fromToken(Tokens.google(null));

    assertThat(caller.emailMissing()).isTrue();
    assertThat(caller.members()).containsExactly("allAuthenticatedUsers", "allUsers");
    assertThat(caller.email()).isEmpty();
    assertThat(Callers.fromToken(Tokens.google("a@example.com")).emailMissing()).isFalse();
  }

  @Test
  void withGroupsWhenResolverAnswersThenGroupMembersBeforeAllAuthenticatedUsers() {
    Caller caller = Callers.withGroups(Callers.fromToken(Tokens.google("a@example.com")),
        c -> Set.of("Team@Example.com"));

    assertThat(caller.members()).containsExactly("user:a@example.com", "group:team@example.com",
        "allAuthenticatedUsers", "allUsers");
    assertThat(caller.groupLookupFailed()).isFalse();
  }

  @Test
  void withGroupsWhenResolverFailsThenNoGroupsAndFlagged() {
    Caller caller = Callers.withGroups(Callers.fromToken(Tokens.google("a@example.com")), c -> {
      throw new IllegalStateException("directory down");
    });

    assertThat(caller.groupLookupFailed()).isTrue();
    assertThat(caller.members()).noneMatch(m -> m.startsWith("group:"));
  }

  @Test
  void withGroupsWhenAnonymousThenResolverNotAsked() {
    AtomicInteger calls = new AtomicInteger();

    Caller caller = Callers.withGroups(Caller.ANONYMOUS, c -> {
      calls.incrementAndGet();
      return Set.of("g@example.com");
    });

    assertThat(caller).isSameAs(Caller.ANONYMOUS);
    assertThat(calls).hasValue(0);
  }
}
