package dev.invokerguard.policy.source;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last good policy, kept in a local file: every layer's document as fetched, with its etag. Written
 * whole to a temporary file (readable by its owner only) and moved into place, so a reader never sees half a
 * file. On a POSIX file system a file that other users can write, or that another user owns, is refused:
 * whoever can plant it would choose the policy served during an outage.
 */
final class LastKnownGood {
  /** One saved layer. */
  record SavedLayer(PolicyLayer layer, String etag, PolicyText text) {}

  /** What was saved, and when. */
  record Saved(Instant savedAt, List<SavedLayer> layers) {}

  private LastKnownGood() {}

  static void write(Path file, Instant savedAt, List<SavedLayer> layers) throws IOException {
    StringWriter json = new StringWriter();
    try (JsonGenerator out = StreamingJson.generator(json)) {
      out.writeStartObject();
      out.writeStringField("savedAt", savedAt.toString());
      out.writeArrayFieldStart("layers");
      for (SavedLayer layer : layers) {
        out.writeStartObject();
        out.writeStringField("layer", layer.layer().name());
        out.writeStringField("name", layer.text().name());
        out.writeStringField("etag", layer.etag());
        out.writeStringField("format", layer.text().format().name());
        out.writeStringField("content", layer.text().content());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, json.toString(), StandardCharsets.UTF_8);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static Saved read(Path file) throws IOException {
    requirePrivate(file);
    JsonNode root = StreamingJson.readWhole(Files.readString(file, StandardCharsets.UTF_8));
    try {
      List<SavedLayer> layers = new ArrayList<>();
      for (JsonNode node : root.withArray("layers")) {
        PolicyText text = new PolicyText(node.get("name").asText(), node.get("content").asText(),
            PolicyText.Format.valueOf(node.get("format").asText()));
        JsonNode etag = node.get("etag");
        layers.add(new SavedLayer(PolicyLayer.valueOf(node.get("layer").asText()),
            etag == null || etag.isNull() ? null : etag.asText(), text));
      }
      return new Saved(Instant.parse(root.get("savedAt").asText()), layers);
    } catch (RuntimeException e) {
      throw new IOException("not a last-known-good policy file: " + e, e);
    }
  }

  private static void requirePrivate(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    PosixFileAttributes attributes = view.readAttributes();
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(file + " is writable by other users (" + PosixFilePermissions.toString(permissions)
          + "); refusing it as a last-known-good policy");
    }
    String owner = attributes.owner().getName();
    String user = System.getProperty("user.name");
    if (user != null && !owner.equals(user)) {
      throw new IOException(file + " is owned by " + owner + ", not by " + user
          + "; refusing it as a last-known-good policy");
    }
  }
}
