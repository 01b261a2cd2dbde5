/**
 * Step 6 of the pipeline: the IAM allow and deny policy model, its reader and evaluator, with IAM Conditions
 * in CEL on {@code request.host}, {@code request.path} and {@code request.time} (Google Cloud IAM
 * documentation: "Overview of IAM Conditions", "Deny policies").
 */
@NullMarked
package dev.invokerguard.policy;

import org.jspecify.annotations.NullMarked;
