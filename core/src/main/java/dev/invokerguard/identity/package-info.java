/**
 * Step 5 of the pipeline: the verified token becomes a caller, named by its IAM principals
 * ({@code user:}, {@code serviceAccount:}, {@code domain:} from {@code hd}, {@code group:} through a group
 * resolver, {@code allAuthenticatedUsers}), or the anonymous caller.
 */
@NullMarked
package dev.invokerguard.identity;

import org.jspecify.annotations.NullMarked;
