package dev.invokerguard.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The text of a policy or roles document and where it came from (the name appears in every problem
 * reported about it).
 *
 * @param name where the text came from (a file path, a {@code classpath:} location, a URL)
 * @param content the document
 * @param format how the document is written
 */
public record PolicyText(String name, String content, Format format) {

  /** How a document is written. */
  public enum Format { JSON, YAML }

  public PolicyText {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(format, "format");
  }

  public static PolicyText json(String name, String content) {
    return new PolicyText(name, content, Format.JSON);
  }

  public static PolicyText yaml(String name, String content) {
    return new PolicyText(name, content, Format.YAML);
  }

  /**
   * A document whose format is told by its name ({@code .json} is JSON, {@code .yaml}/{@code .yml} is YAML),
   * else by its content (JSON starts with <code>{</code> or {@code [}).
   */
  public static PolicyText named(String name, String content) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return new PolicyText(name, content, Format.JSON);
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return new PolicyText(name, content, Format.YAML);
    }
    String start = content.strip();
    boolean json = start.isEmpty() || start.startsWith("{") || start.startsWith("[");
    return new PolicyText(name, content, json ? Format.JSON : Format.YAML);
  }

  /** Reads a UTF-8 file; the format is told by its name. */
  public static PolicyText read(Path file) {
    try {
      return named(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
