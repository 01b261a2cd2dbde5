/**
 * Micrometer meters of InvokerGuard, shared by the framework adapters: {@link
 * dev.invokerguard.micrometer.RequestMetrics} (the {@code invokerguard.requests} timer, a decision listener) and
 * {@link dev.invokerguard.micrometer.InvokerGuardMeters} (key sets, the verified-token cache and the policy, read
 * from a running {@link dev.invokerguard.runtime.GuardRuntime}).
 */
@NullMarked
package dev.invokerguard.micrometer;

import org.jspecify.annotations.NullMarked;
