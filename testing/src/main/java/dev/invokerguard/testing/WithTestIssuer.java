package dev.invokerguard.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own {@link TestIssuer}, started before all its tests and
 * closed after them, injected into constructor, {@code @BeforeAll}, {@code @BeforeEach} and test
 * method parameters of type {@code TestIssuer}. Shorthand for
 * {@code @ExtendWith(TestIssuerExtension.class)}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestIssuerExtension.class)
public @interface WithTestIssuer {}
