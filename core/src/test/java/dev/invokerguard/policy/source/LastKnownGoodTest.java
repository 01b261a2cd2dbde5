package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastKnownGoodTest {
  private static final Instant SAVED = Instant.parse("2026-03-01T10:00:00Z");
  private static final PolicyText POLICY = PolicyText.json("policy.json", """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""");

  @TempDir Path dir;

  @Test
  void readWhenWrittenThenSameLayersAndOwnerOnlyPermissions() throws IOException {
    Path file = dir.resolve("lkg.json");
    LastKnownGood.write(file, SAVED, List.of(new LastKnownGood.SavedLayer(PolicyLayer.SERVICE, "BwX1", POLICY)));

    LastKnownGood.Saved saved = LastKnownGood.read(file);

    assertThat(saved.savedAt()).isEqualTo(SAVED);
    assertThat(saved.layers()).singleElement().satisfies(layer -> {
      assertThat(layer.etag()).isEqualTo("BwX1");
      assertThat(layer.text().content()).isEqualTo(POLICY.content());
    });
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void readWhenOthersCanWriteTheFileThenRefused() throws IOException {
    Path file = dir.resolve("lkg.json");
    LastKnownGood.write(file, SAVED, List.of(new LastKnownGood.SavedLayer(PolicyLayer.SERVICE, "BwX1", POLICY)));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

    assertThatThrownBy(() -> LastKnownGood.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining("writable by other users");
  }

  @Test
  void readWhenContentFollowsTheSavedDocumentThenRefused() throws IOException {
    Path file = dir.resolve("lkg.json");
    LastKnownGood.write(file, SAVED, List.of(new LastKnownGood.SavedLayer(PolicyLayer.SERVICE, "BwX1", POLICY)));
    Files.writeString(file, "{\"savedAt\":\"2026-03-01T10:00:00Z\",\"layers\":[]}",
        java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> LastKnownGood.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("Trailing token");
  }

  @Test
  void writeWhenNoEtagAndOddContentThenSameTextAsTheObjectMapperWrote() throws IOException {
    Path file = dir.resolve("lkg.json");
    PolicyText odd = PolicyText.yaml("a \"b\".yaml", "bindings:\n- role: \"r\\u00e9\"\t\u0001 é 中 😀\n");
    List<LastKnownGood.SavedLayer> layers = List.of(new LastKnownGood.SavedLayer(PolicyLayer.SERVICE, "BwX1", POLICY),
        new LastKnownGood.SavedLayer(PolicyLayer.PROJECT, null, odd));

    LastKnownGood.write(file, SAVED, layers);

    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("savedAt", SAVED.toString());
    ArrayNode list = root.putArray("layers");
    for (LastKnownGood.SavedLayer layer : layers) {
      ObjectNode node = list.addObject();
      node.put("layer", layer.layer().name());
      node.put("name", layer.text().name());
      node.put("etag", layer.etag());
      node.put("format", layer.text().format().name());
      node.put("content", layer.text().content());
    }
    assertThat(Files.readString(file)).isEqualTo(json.writeValueAsString(root));
    assertThat(LastKnownGood.read(file).layers()).isEqualTo(layers);
  }
}
