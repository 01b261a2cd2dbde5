package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The starter is tested on the library versions a Spring Boot application gets from Boot's BOM (older than
 * the ones the rest of the build pins), read here from that BOM and from the jars on the class path.
 */
class BootManagedVersionsTest {

  @Test
  void classPathWhenTestedThenLibrariesAtTheVersionsBootManages() throws Exception {
    String bom = Files.readString(Path.of(System.getProperty("spring-boot.bom")));

    assertThat(jarVersion(Caffeine.class)).isEqualTo(managed(bom, "caffeine.version"));
    assertThat(jarVersion(ObjectMapper.class)).isEqualTo(managed(bom, "jackson-2-bom.version"));
    assertThat(jarVersion(Logger.class)).isEqualTo(managed(bom, "slf4j.version"));
    assertThat(jarVersion(Filter.class)).isEqualTo(managed(bom, "jakarta-servlet.version"));
    assertThat(jarVersion(Test.class)).isEqualTo(managed(bom, "junit-jupiter.version"));
  }

  private static String managed(String bom, String property) {
    Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(bom);
    assertThat(m.find()).as(property + " in Boot's BOM").isTrue();
    return m.group(1);
  }

  /** The version directory of the jar a class was loaded from (Maven repository layout). */
  private static String jarVersion(Class<?> type) throws Exception {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().getFileName().toString();
  }
}
