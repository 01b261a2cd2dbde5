package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@WithTestIssuer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TestIssuerExtensionTest {
  private static TestIssuer fromBeforeAll;
  private static TestIssuer fromFirstTest;
  private static TestIssuer fromFirstNestedClass;
  private final TestIssuer fromConstructor;
  private TestIssuer fromBeforeEach;

  TestIssuerExtensionTest(TestIssuer issuer) {
    this.fromConstructor = issuer;
  }

  @BeforeAll
  static void captureBeforeAll(TestIssuer issuer) {
    fromBeforeAll = issuer;
  }

  @BeforeEach
  void captureBeforeEach(TestIssuer issuer) {
    fromBeforeEach = issuer;
  }

  @Test
  @Order(1)
  void resolveParameterWhenFirstTestThenSameIssuerAsBeforeAllConstructorAndBeforeEach(
      TestIssuer issuer) throws Exception {
    fromFirstTest = issuer;

    assertThat(issuer).isNotNull().isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
    assertThat(Published.get(issuer.jwksUri()).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void resolveParameterWhenSecondTestThenSameIssuerAsFirstTest(TestIssuer issuer) {
    assertThat(fromFirstTest).isNotNull();
    assertThat(issuer).isSameAs(fromFirstTest).isSameAs(fromConstructor);
  }

  @Nested
  @Order(1)
  class FirstNestedClass {
    @Test
    void resolveParameterWhenNestedClassThenItsOwnRunningIssuer(TestIssuer issuer) throws Exception {
      fromFirstNestedClass = issuer;

      assertThat(issuer).isNotSameAs(fromBeforeAll);
      assertThat(Published.get(issuer.jwksUri()).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  @Order(2)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SecondNestedClass {
    private final TestIssuer fromConstructor;

    SecondNestedClass(TestIssuer issuer) {
      this.fromConstructor = issuer;
    }

    @Test
    void afterAllWhenPreviousClassFinishedThenItsIssuerIsClosedAndThisOneIsFresh(TestIssuer issuer) {
      assertThat(fromFirstNestedClass).isNotNull();
      URI closed = fromFirstNestedClass.jwksUri();

      assertThat(issuer).isSameAs(fromConstructor).isNotSameAs(fromFirstNestedClass).isNotSameAs(fromBeforeAll);
      assertThatThrownBy(() -> Published.get(closed)).isInstanceOf(ConnectException.class);
    }
  }
}
