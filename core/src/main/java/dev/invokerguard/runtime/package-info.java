/**
 * What adapters use: the settings vocabulary ({@code invokerguard.*} properties and {@code INVOKERGUARD_*}
 * environment variables), the runtime that builds and owns a running guard with its lifecycle, and the decision
 * log.
 */
@NullMarked
package dev.invokerguard.runtime;

import org.jspecify.annotations.NullMarked;
