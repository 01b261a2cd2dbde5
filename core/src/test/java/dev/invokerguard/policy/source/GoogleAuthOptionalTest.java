package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google Auth Library is optional: the core runs without it, and cloudrun:// and Cloud Identity group lookups then say what to add. */
class GoogleAuthOptionalTest {
  @TempDir Path dir;

  @Test
  void runtimeWhenGoogleAuthIsNotOnTheClassPathThenFilePoliciesWorkAndCloudRunNamesTheArtifact()
      throws Exception {
    List<URL> withoutGoogleAuth = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("google-auth-library")) {
        withoutGoogleAuth.add(url(entry));
      }
    }
    assertThat(withoutGoogleAuth).hasSizeLessThan(System.getProperty("java.class.path")
        .split(File.pathSeparator).length);

    try (URLClassLoader loader = new URLClassLoader(withoutGoogleAuth.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      @SuppressWarnings("unchecked")
      Function<Path, List<String>> core = (Function<Path, List<String>>) loader
          .loadClass(CoreWithoutGoogleAuth.class.getName()).getDeclaredConstructor().newInstance();
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      List<String> seen;
      try {
        seen = core.apply(dir);
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }

      assertThat(seen).hasSize(6);
      assertThat(seen.get(0)).isEqualTo("google auth absent");
      assertThat(seen.get(1)).isEqualTo("file policy: 200");
      assertThat(seen.get(2)).startsWith("cloudrun with application default credentials: MISSING_DEPENDENCY")
          .contains("com.google.auth:google-auth-library-oauth2-http", "INVOKERGUARD_POLICY");
      assertThat(seen.get(3)).isEqualTo("cloudrun with given credentials: started");
      assertThat(seen.get(4)).startsWith("cloud-identity groups with application default credentials:"
          + " MISSING_DEPENDENCY").contains("com.google.auth:google-auth-library-oauth2-http", "INVOKERGUARD_GROUPS");
      assertThat(seen.get(5)).isEqualTo("cloud-identity groups with given credentials: started");
    }
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
