/**
 * Where step 6's policy comes from: local files, the class path or the live policy of a Cloud Run service
 * (Cloud Run Admin API {@code getIamPolicy}), reloaded in the background and kept at the last good version.
 */
@NullMarked
package dev.invokerguard.policy.source;

import org.jspecify.annotations.NullMarked;
