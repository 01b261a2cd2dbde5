/**
 * InvokerGuard's meters in Micronaut's Micrometer registries, active when the application has
 * {@code micronaut-micrometer-core} and {@code invokerguard-micrometer}.
 */
package dev.invokerguard.micronaut.metrics;
