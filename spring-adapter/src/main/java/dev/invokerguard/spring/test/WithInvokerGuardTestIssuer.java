package dev.invokerguard.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest}, {@code @WebMvcTest} or {@code @WebFluxTest} against a local
 * {@link dev.invokerguard.testing.TestIssuer} (from {@code invokerguard-test}, which the test adds): the
 * issuer starts with the test's application context, {@code invokerguard.jwks-uri} points at its key
 * endpoint, and an {@link InvokerGuardTokens} bean mints Google-shaped tokens it signs for the first of
 * {@code invokerguard.audiences}. Everything else is the application's own: its policy, its properties, and
 * the guard's real verification and policy evaluation ({@code @WebMvcTest} and {@code @WebFluxTest} include
 * InvokerGuard's auto-configuration). Send the tokens with {@link InvokerGuardMockMvc} or with
 * {@code headers(h -> h.setBearerAuth(tokens.user("alice@example.com")))}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithInvokerGuardTestIssuer {}
