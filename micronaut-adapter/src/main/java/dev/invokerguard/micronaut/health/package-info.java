/**
 * InvokerGuard's health in Micronaut's {@code /health} endpoint, active when the application has
 * {@code micronaut-management}.
 */
package dev.invokerguard.micronaut.health;
