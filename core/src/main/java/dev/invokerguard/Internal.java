package dev.invokerguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that is public only because another package of InvokerGuard's core calls it. It is not API:
 * it may change or disappear in any release, and code outside {@code invokerguard-core} must not use it
 * (the build of every InvokerGuard module checks this).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Internal {
}
