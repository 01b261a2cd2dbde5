package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.auth.oauth2.GoogleCredentials;
import com.nimbusds.jose.JWSObject;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * The module's tests run on the library versions Micronaut's platform BOM manages, as a Micronaut application
 * gets them, not on the newer ones the rest of the build uses: each library's jar on the class path is
 * compared with the BOM's own property for it.
 */
class MicronautManagedVersionsTest {
  private static Document bom;

  @BeforeAll
  static void readPlatformBom() throws Exception {
    String repository = System.getProperty("maven.repo.local");
    String version = System.getProperty("micronaut.platform.version");
    assumeTrue(repository != null && version != null,
        "run through Maven (mvn -pl micronaut-adapter verify), which passes maven.repo.local and the platform version");
    Path pom = Path.of(repository, "io", "micronaut", "platform", "micronaut-platform", version,
        "micronaut-platform-" + version + ".pom");
    assumeTrue(Files.isRegularFile(pom), "the platform BOM is not in the local repository: " + pom);
    bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String managed(String property) {
    Node node = bom.getElementsByTagName(property).item(0);
    assertThat(node).as("the platform BOM's property " + property).isNotNull();
    return node.getTextContent().strip();
  }

  /** The version directory of the jar a class was loaded from ({@code .../caffeine/3.2.1/caffeine-3.2.1.jar}). */
  private static String onClassPath(Class<?> type) throws URISyntaxException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().getFileName().toString();
  }

  @Test
  void caffeineWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(Caffeine.class)).isEqualTo(managed("caffeine.version"));
  }

  @Test
  void nimbusWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(JWSObject.class)).isEqualTo(managed("nimbus.jose.jwt.version"));
  }

  @Test
  void jacksonWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(ObjectMapper.class)).isEqualTo(managed("jackson.version"));
  }

  @Test
  void googleAuthWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(GoogleCredentials.class)).isEqualTo(managed("google.auth.library.oauth2http.version"));
  }

  @Test
  void micrometerWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(io.micrometer.core.instrument.MeterRegistry.class)).isEqualTo(managed("micrometer.version"));
  }

  @Test
  void junitWhenTestingThenMicronautsVersion() throws Exception {
    assertThat(onClassPath(Test.class)).isEqualTo(managed("junit.version"));
  }

  @Test
  void protobufWhenTestingThenNewerThanMicronautsBecauseCelNeedsIt() throws Exception {
    String micronauts = managed("protobuf.version");
    String ours = onClassPath(com.google.protobuf.Message.class);

    assertThat(ours).isNotEqualTo(micronauts).startsWith("4.");
  }
}
