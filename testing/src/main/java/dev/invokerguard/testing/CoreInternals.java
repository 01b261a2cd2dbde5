package dev.invokerguard.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a module built on InvokerGuard's core to the core's API: no class may use a core type marked
 * {@code dev.invokerguard.Internal}, the marker of types that are public only because another core package
 * calls them. Needs {@code com.tngtech.archunit:archunit} on the test class path.
 */
public final class CoreInternals {
  /** The name of the core's marker annotation (the test kit does not depend on the core). */
  public static final String INTERNAL_ANNOTATION = "dev.invokerguard.Internal";

  private CoreInternals() {}

  /**
   * The rule: no class depends on a type annotated {@value #INTERNAL_ANNOTATION}.
   *
   * @return an ArchUnit rule to check against imported classes
   */
  public static ArchRule notUsed() {
    return noClasses().should().dependOnClassesThat().areAnnotatedWith(INTERNAL_ANNOTATION)
        .because("types marked @Internal are not InvokerGuard API and may change in any release");
  }

  /**
   * Checks the compiled classes under {@code classesDirectory}.
   *
   * @param classesDirectory a class output folder such as {@code target/classes}
   * @throws AssertionError naming every use of an internal type
   * @throws IllegalStateException when the folder holds no classes (nothing would be checked)
   */
  public static void assertNotUsedIn(Path classesDirectory) {
    if (!Files.isDirectory(classesDirectory)) {
      throw new IllegalStateException("No compiled classes at " + classesDirectory.toAbsolutePath());
    }
    JavaClasses classes = new ClassFileImporter().importPath(classesDirectory);
    if (classes.isEmpty()) {
      throw new IllegalStateException("No compiled classes at " + classesDirectory.toAbsolutePath());
    }
    notUsed().check(classes);
  }

  /** Checks the main classes of the module whose tests are running ({@code target/classes}). */
  public static void assertNotUsedByThisModule() {
    assertNotUsedIn(Path.of("target", "classes"));
  }
}
