package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.invokerguard.testing.CoreInternals;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** The core's package list reads as the pipeline of DESIGN.md, and its internal marker is enforceable. */
class PackageLayoutTest {
  /** The core's own main classes (the class path also holds the test kit's). */
  private static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

  /** The facade and its answer: what an application or adapter sees first. */
  private static final Set<String> FACADE = Set.of("InvokerGuard", "InvokerGuardBuilder", "Decision",
      "DecisionReason", "HttpProblem", "Explanation", "DecisionListener", "DecisionEvent", "DecisionCounts",
      "EnforcementMode", "InvokerGuardConfigurationException", "ConfigurationErrorCode", "Internal",
      "CloudRunComparison");
  /** Package-private helpers that build the facade's decisions. */
  private static final Set<String> DECISION_HELPERS = Set.of("Decisions", "DecisionText", "ProblemRenderer",
      "InternalFailures", "DecisionCounters", "AsyncCheck", "ClaimedEmail");
  private static final Set<String> PIPELINE_PACKAGES = Set.of("dev.invokerguard", "dev.invokerguard.request",
      "dev.invokerguard.token", "dev.invokerguard.identity", "dev.invokerguard.policy",
      "dev.invokerguard.policy.source", "dev.invokerguard.runtime");

  @Test
  void rootPackageWhenListedThenHoldsOnlyTheFacadeAndItsDecisionHelpers() {
    Set<String> publicTypes = topLevel("dev.invokerguard", true);
    Set<String> otherTypes = topLevel("dev.invokerguard", false);

    assertThat(publicTypes).as("public types of dev.invokerguard (a pipeline step belongs in its own package)")
        .containsExactlyInAnyOrderElementsOf(FACADE);
    assertThat(otherTypes).as("package-private types of dev.invokerguard")
        .containsExactlyInAnyOrderElementsOf(DECISION_HELPERS);
  }

  @Test
  void corePackagesWhenListedThenAreThePipelineSteps() {
    Set<String> packages = CORE.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));

    assertThat(packages).containsExactlyInAnyOrderElementsOf(PIPELINE_PACKAGES);
  }

  @Test
  void corePackagesWhenLoadedThenAreNullMarked() throws ClassNotFoundException {
    for (String name : PIPELINE_PACKAGES) {
      Class<?> info = Class.forName(name + ".package-info");
      assertThat(info.isAnnotationPresent(NullMarked.class)).as(name).isTrue();
    }
  }

  @Test
  void internalRuleWhenFacadeIsCheckedThenFindsItsUseOfInternalRequestTypes() {
    JavaClasses facade = new ClassFileImporter().importClasses(InvokerGuard.class);

    EvaluationResult result = CoreInternals.notUsed().evaluate(facade);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("CredentialExtractor"));
  }

  @Test
  void coreWhenImportedThenUsesNoInternalNimbusPackageAndGoogleAuthInOneClassOnly() {
    Set<String> nimbusInternal = dependents(name -> name.startsWith("com.nimbusds.jose.crypto.impl"));
    Set<String> googleAuth = dependents(name -> name.startsWith("com.google.auth"));

    assertThat(nimbusInternal).isEmpty();
    assertThat(googleAuth).containsExactly("dev.invokerguard.policy.source.GoogleApiCredentials");
  }

  /** Top-level core classes with a dependency on a class whose name matches. */
  private static Set<String> dependents(java.util.function.Predicate<String> target) {
    return CORE.stream()
        .filter(c -> c.getDirectDependenciesFromSelf().stream()
            .anyMatch(d -> target.test(d.getTargetClass().getName())))
        .map(c -> c.isTopLevelClass() ? c.getName() : c.getName().substring(0, c.getName().indexOf('$')))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> topLevel(String packageName, boolean isPublic) {
    return CORE.stream()
        .filter(c -> c.getPackageName().equals(packageName) && c.isTopLevelClass())
        .filter(c -> !c.getSimpleName().equals("package-info"))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) == isPublic)
        .map(JavaClass::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
