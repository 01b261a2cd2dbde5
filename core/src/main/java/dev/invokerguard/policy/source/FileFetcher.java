package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A local JSON or YAML file; its etag is a hash of its content, so an edit is seen on the next check.
 *
 * <p>A file being written is never read as a policy: a read counts only when the file's size, modification
 * time and identity are the same before and after it, and a file that changed since the previous check is
 * used only when the next check finds it unchanged (same size, modification time and content). Until then
 * {@link #fetch()} throws {@link DocumentFetcher.NotReady} and the source keeps what it serves. The first
 * check (at start-up) uses the file as soon as one read is stable. Operators should still replace policy
 * files atomically (write a new file, then rename it over the old one).
 */
final class FileFetcher implements DocumentFetcher {
  /** Every read of a policy file, for tests that check a file is read once at start-up. */
  private static final java.util.concurrent.atomic.LongAdder READS = new java.util.concurrent.atomic.LongAdder();

  private final Path file;
  private final Runnable afterFirstLook;
  private boolean checked;
  private Seen previous;

  FileFetcher(Path file) {
    this(file, () -> {});
  }

  /** @param afterFirstLook runs between the first look at the file and its read (tests write there) */
  FileFetcher(Path file, Runnable afterFirstLook) {
    this.file = file;
    this.afterFirstLook = afterFirstLook;
  }

  @Override
  public Fetched fetch() throws IOException {
    READS.increment();
    boolean first = !checked;
    checked = true;
    Seen last = previous;
    previous = null;
    Look before = look();
    afterFirstLook.run();
    String content = Files.readString(file, StandardCharsets.UTF_8);
    Look after = look();
    if (!before.equals(after)) {
      throw new NotReady(file + " changed while it was read (being written?): it is read again at the"
          + " next check");
    }
    Seen seen = new Seen(after, DocumentFetcher.contentEtag(content));
    previous = seen;
    if (!first && !seen.equals(last)) {
      throw new NotReady(file + " changed since the previous check: it is used when the next check finds"
          + " it unchanged");
    }
    return new Fetched(PolicyText.named(file.toString(), content), seen.etag());
  }

  private Look look() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new Look(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
  }

  /** What the file system says about the file: a write in progress changes one of them. */
  private record Look(long size, FileTime modified, Object key) {}

  /** One stable read: the file's attributes and a hash of its content. */
  private record Seen(Look look, String etag) {}

  static long reads() {
    return READS.sum();
  }
}
