package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A local JSON or YAML file; its etag is a hash of its content, so an edit is seen on the next check. */
final class FileFetcher implements DocumentFetcher {
  private final Path file;

  FileFetcher(Path file) {
    this.file = file;
  }

  @Override
  public Fetched fetch() throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    return new Fetched(PolicyText.named(file.toString(), content), DocumentFetcher.contentEtag(content));
  }
}
