package dev.invokerguard.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IapRequestTargetNormalizerTest {

  private final IapRequestTargetNormalizer strict = new IapRequestTargetNormalizer(false);
  private final IapRequestTargetNormalizer withParameters = new IapRequestTargetNormalizer(true);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "example.com,            example.com",
    "Example.COM,            example.com",
    "example.com.,           example.com",
    "example.com:8080,       example.com",
    "Example.COM.:443,       example.com",
    "svc-abc123-uc.a.run.app, svc-abc123-uc.a.run.app",
    "bücher.example,         xn--bcher-kva.example",
    "BÜCHER.example:443,     xn--bcher-kva.example",
    "xn--bcher-kva.example,  xn--bcher-kva.example",
    "127.0.0.1:8080,         127.0.0.1",
    "[::1]:8080,             [::1]",
    "[::1],                  [::1]",
    "[2001:DB8::A]:443,      [2001:db8::a]",
  })
  void normalizeWhenHostThenCanonicalForm(String host, String expected) {
    NormalizedTarget target = strict.normalize(host, "/");

    assertThat(target.rejection()).isNull();
    assertThat(target.host()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({
    "'',                  host is missing",
    ".,                   host is missing",
    ":443,                host is missing",
    "example.com:,        host has an invalid port",
    "example.com:http,    host has an invalid port",
    "example.com:70000,   host has an invalid port",
    "example..com,        host is not a valid host name",
    "example.com..,       host is not a valid host name",
    "exa_mple.com,        host is not a valid host name",
    "-example.com,        host is not a valid host name",
    "exa mple.com,        host is not a valid host name",
    "user@example.com,    host is not a valid host name",
    "ex\u00e4mple_.com,   host is not a valid host name",
    "::1,                 host is an IPv6 address without brackets",
    "[::1,                host has an unterminated IPv6 literal",
    "[example.com],       host is not a valid IPv6 literal",
    "[::1]x,              host has text after its IPv6 literal",
    "[::1]:x,             host has an invalid port",
  })
  void normalizeWhenHostInvalidThenRejected(String host, String expected) {
    assertThat(strict.normalize(host, "/").rejection()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/,                      /",
    "/public/docs,           /public/docs",
    "/public/docs/,          /public/docs/",
    "/PUBLIC/Docs,           /PUBLIC/Docs",
    "/a/./b,                 /a/b",
    "/a/b/..,                /a/",
    "/a/b/.,                 /a/b/",
    "/public/../private,     /private",
    "/a/b/../../c/,          /c/",
    "/a/..,                  /",
    "/.well-known/x,         /.well-known/x",
    "/a/..b/c.,              /a/..b/c.",
    "/caf%C3%A9,             /café",
    "/caf%c3%a9,             /café",
    "/a%20b,                 /a b",
    "/a%3Fb%23c,             /a?b#c",
    "/%41%42,                /AB",
    "/café,                  /café",
  })
  void normalizeWhenPathAcceptedThenResolvedAndDecodedOnce(String rawPath, String expected) {
    NormalizedTarget target = strict.normalize("example.com", rawPath);

    assertThat(target.rejection()).isNull();
    assertThat(target.path()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'',                 path is empty",
    "public,             path does not start with '/'",
    "*,                  path does not start with '/'",
    "/a%00b,             path contains an encoded NUL (%00)",
    "/a%0ab,             path contains an encoded control character (%0A)",
    "/a%0Db,             path contains an encoded control character (%0D)",
    "/a%7Fb,             path contains an encoded control character (%7F)",
    "/a%C2%85b,          path contains an encoded control character",
    "/a\\b,              path contains a backslash",
    "/a//b,              path contains an empty segment (//)",
    "//a,                path contains an empty segment (//)",
    "/a%2fb,             path contains an encoded slash (%2F)",
    "/a%2Fb,             path contains an encoded slash (%2F)",
    "/a%5cb,             path contains an encoded backslash (%5C)",
    "/a%5Cb,             path contains an encoded backslash (%5C)",
    "/a/%2e%2e/b,        path contains an encoded dot (%2E)",
    "/a/%2E%2E/b,        path contains an encoded dot (%2E)",
    "/a/.%2e/b,          path contains an encoded dot (%2E)",
    "/a%252fb,           path contains an encoded percent sign (%25)",
    "/a%3bb,             path contains an encoded semicolon (%3B)",
    "/a%zzb,             path contains invalid percent-encoding",
    "/a%2,               path contains invalid percent-encoding",
    "/a%,                path contains invalid percent-encoding",
    "/a%C3,              path contains percent-escapes that are not UTF-8",
    "/a%FFb,             path contains percent-escapes that are not UTF-8",
    "/a%C0%AF,           path contains percent-escapes that are not UTF-8",
    "/..;/admin,         path contains ';' (path parameters are not allowed)",
    "/a;x=1/b,           path contains ';' (path parameters are not allowed)",
    "/a?b=1,             path contains '?' (the query is not part of the path)",
    "/a#top,             path contains '#' (a fragment is not part of the path)",
    "/..,                path climbs above the root with '..'",
    "/a/../..,           path climbs above the root with '..'",
    "/a/../../etc,       path climbs above the root with '..'",
  })
  void normalizeWhenPathAmbiguousThenRejected(String rawPath, String expected) {
    assertThat(strict.normalize("example.com", rawPath).rejection()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{index}")
  @ValueSource(strings = {"/a\u0000b", "/a\nb", "/a\rb", "/a\tb", "/a\u007fb", "/a\u0085b", "/a b\u0000"})
  void normalizeWhenPathHoldsRawControlCharacterThenRejected(String rawPath) {
    assertThat(strict.normalize("example.com", rawPath).rejection())
        .isEqualTo("path contains a NUL or control character");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/a;x=1/b,         /a/b",
    "/a;x=1;y=2/b;z,   /a/b",
    "/a/b;jsessionid=1, /a/b",
    "/a/.;x/b,         /a/b",
    "/public/..;x,     ",
    "/..;/admin,       ",
    "/public/x;/../../private, /private",
  })
  void normalizeWhenPathParametersAllowedThenRemovedLikeIap(String rawPath, String expected) {
    NormalizedTarget target = withParameters.normalize("example.com", rawPath);

    if (expected == null) {
      assertThat(target.rejection()).isEqualTo("path contains a segment starting with '..;'");
    } else {
      assertThat(target.rejection()).isNull();
      assertThat(target.path()).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/;x/b,         path contains an empty segment (//)",
    "/a/;x/../b,    path contains an empty segment (//)",
    "/a;x%2fb,      path contains an encoded slash (%2F)",
  })
  void normalizeWhenPathParametersAllowedThenRemainingPathStillChecked(String rawPath, String expected) {
    assertThat(withParameters.normalize("example.com", rawPath).rejection()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/a//b", "/a%2Fb", "/a\\b"})
  void normalizeWhenRejectedThenNoHostOrPathAndMessageDoesNotEchoPath(String rawPath) {
    NormalizedTarget target = strict.normalize("example.com", rawPath);

    assertThat(target.isAccepted()).isFalse();
    assertThat(target.host()).isNull();
    assertThat(target.path()).isNull();
    assertThat(target.rejection()).doesNotContain(rawPath);
  }

  @Test
  void normalizeWhenHostsAlternateThenEachGetsItsOwnFormAndABadOneIsStillRejected() {
    String[] hosts = {"Svc.Example:443", "other.example.", "Svc.Example:443", "svc.example:99999", "Svc.Example:443",
        "svc.example:99999"};
    String[] expected = {"svc.example", "other.example", "svc.example", null, "svc.example", null};

    for (int i = 0; i < hosts.length; i++) {
      NormalizedTarget target = strict.normalize(hosts[i], "/");
      assertThat(target.host()).as(hosts[i]).isEqualTo(expected[i]);
      assertThat(target.rejection()).as(hosts[i]).isEqualTo(expected[i] == null ? "host has an invalid port" : null);
    }
  }
}
