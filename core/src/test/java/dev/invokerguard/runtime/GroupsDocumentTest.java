package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A groups document is one JSON value or one YAML document; what follows it is refused, not ignored. */
class GroupsDocumentTest {

  @Test
  void readWhenSecondYamlDocumentThenRefusedWithItsLine() {
    PolicyText text = PolicyText.yaml("groups.yaml",
        "team@example.com:\n  - user:carol@example.com\n---\nblocked@example.com:\n  - user:mallory@example.com\n");

    assertThatThrownBy(() -> GroupsDocument.read(text))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("INVOKERGUARD_GROUPS")
        .hasMessageContaining("groups.yaml")
        .hasMessageContaining("more than one YAML document (at line 4, column 1)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      two objects => {"team@example.com":["user:a@example.com"]}{"x@example.com":[]} => more than one JSON value
      garbage after the object => {"team@example.com":["user:a@example.com"]} garbage => more than one JSON value
      a repeated group => {"team@example.com":[],"team@example.com":["user:a@example.com"]} => Duplicate field
      """)
  void readWhenJsonHasTrailingContentOrRepeatedKeyThenRefused(String name, String json, String message) {
    assertThatThrownBy(() -> GroupsDocument.read(PolicyText.json("groups.json", json)))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void readWhenOneDocumentBetweenMarkersThenMembersResolve() {
    StaticGroupResolver groups = GroupsDocument.read(PolicyText.yaml("groups.yaml",
        "---\nteam@example.com:\n  - user:carol@example.com\n...\n"));

    assertThat(groups.groupsOf(new Caller("user:carol@example.com",
        java.util.List.of("user:carol@example.com", "allAuthenticatedUsers", "allUsers"), false, false, false)))
        .singleElement().asString().contains("team@example.com");
  }
}
