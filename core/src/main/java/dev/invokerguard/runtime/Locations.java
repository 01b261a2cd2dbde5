package dev.invokerguard.runtime;

import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the document at a setting's location: a file path, a {@code file:} URL or a {@code classpath:}
 * resource. JSON or YAML is told by the extension ({@code .json}, {@code .yaml}, {@code .yml}), else by the
 * content (JSON starts with {@code {} or {@code [}).
 */
final class Locations {
  private static final String CLASSPATH = "classpath:";
  /** A URL scheme (two characters at least, so that a Windows drive letter is a path). */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

  private Locations() {}

  static PolicyText read(Setting setting, String location) {
    String content;
    if (location.startsWith(CLASSPATH)) {
      content = classpath(setting, location, location.substring(CLASSPATH.length()));
    } else if (location.startsWith("file:")) {
      content = file(setting, location, Path.of(URI.create(location)));
    } else if (SCHEME.matcher(location).matches()) {
      throw SettingChecks.invalid(setting, "location " + location + " has an unsupported scheme "
          + location.substring(0, location.indexOf(':') + 1)
          + " (supported: a file path, file: or classpath:)");
    } else {
      content = file(setting, location, Path.of(location));
    }
    return new PolicyText(location, content, format(location, content));
  }

  private static String classpath(Setting setting, String location, String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream in = loader == null ? null : loader.getResourceAsStream(name);
    if (in == null) {
      in = Locations.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw SettingChecks.invalid(setting, "names " + location + ", which is not on the classpath");
    }
    try (InputStream stream = in) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw SettingChecks.invalid(setting, "names " + location + ", which cannot be read: " + e.getMessage());
    }
  }

  private static String file(Setting setting, String location, Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw SettingChecks.invalid(setting, "names " + location + ", which does not exist");
    } catch (IOException | RuntimeException e) {
      throw SettingChecks.invalid(setting, "names " + location + ", which cannot be read: " + e);
    }
  }

  private static PolicyText.Format format(String location, String content) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return PolicyText.Format.JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return PolicyText.Format.YAML;
    }
    String start = content.strip();
    return start.startsWith("{") || start.startsWith("[") ? PolicyText.Format.JSON : PolicyText.Format.YAML;
  }
}
