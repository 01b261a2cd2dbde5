package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A resource on the class path, read once when the source opens. */
final class ClasspathFetcher implements DocumentFetcher {
  private final Fetched fetched;

  private ClasspathFetcher(Fetched fetched) {
    this.fetched = fetched;
  }

  /** Reads {@code classpath:NAME}; throws {@link PolicySourceException} when there is no such resource. */
  static ClasspathFetcher open(String location) {
    String name = location.substring("classpath:".length());
    String resource = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClasspathFetcher.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new PolicySourceException(PolicySourceErrorCode.NOT_FOUND, "no class path resource " + location);
      }
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ClasspathFetcher(new Fetched(PolicyText.named(location, content),
          DocumentFetcher.contentEtag(content)));
    } catch (IOException e) {
      throw new PolicySourceException(PolicySourceErrorCode.NOT_FOUND, "cannot read " + location, e);
    }
  }

  @Override
  public Fetched fetch() {
    return fetched;
  }
}
