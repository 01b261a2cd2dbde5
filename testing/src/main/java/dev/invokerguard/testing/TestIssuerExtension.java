package dev.invokerguard.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that starts one {@link TestIssuer} per test class, keeps it for all
 * the class's tests, and closes it after them. It resolves parameters of type {@code TestIssuer}
 * in test constructors, lifecycle methods and test methods. Each test class, a {@code @Nested} one
 * included, gets its own issuer. Use it with {@code @ExtendWith(TestIssuerExtension.class)} or
 * {@link WithTestIssuer}.
 */
public final class TestIssuerExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(TestIssuerExtension.class);

  /** Creates the extension; JUnit calls this. */
  public TestIssuerExtension() {}

  /** Starts the test class's issuer, unless constructor injection already did. */
  @Override
  public void beforeAll(ExtensionContext context) {
    issuer(context);
  }

  /** Closes the test class's issuer. */
  @Override
  public void afterAll(ExtensionContext context) {
    Object key = key(context);
    TestIssuer issuer = context.getStore(NAMESPACE).remove(key, TestIssuer.class);
    if (issuer != null) {
      issuer.close();
    }
  }

  /** True for parameters of type {@link TestIssuer}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestIssuer.class;
  }

  /** The issuer of the test class the parameter belongs to. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return issuer(context);
  }

  private static TestIssuer issuer(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .computeIfAbsent(key(classContext), k -> TestIssuer.start(), TestIssuer.class);
  }

  /** The context of the test class: the nearest one, going up, that is not a method's. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Object key(ExtensionContext context) {
    return context.getRequiredTestClass();
  }
}
