/**
 * InvokerGuard's facade and its answer: {@link dev.invokerguard.InvokerGuard} runs the pipeline of
 * {@code DESIGN.md} for one {@link dev.invokerguard.request.AccessRequest} and answers a
 * {@link dev.invokerguard.Decision} (with its {@link dev.invokerguard.HttpProblem} when denied); listeners see
 * each {@link dev.invokerguard.DecisionEvent} (step 7), in enforce or shadow mode. Types marked
 * {@link dev.invokerguard.Internal} in any package are not API.
 */
@NullMarked
package dev.invokerguard;

import org.jspecify.annotations.NullMarked;
