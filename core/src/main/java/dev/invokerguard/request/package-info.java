/**
 * Steps 1 to 3 of the pipeline, on the framework-free {@link dev.invokerguard.request.AccessRequest}: the path
 * firewall and host and path normalisation (1), the CORS preflight rule (2) and credential extraction,
 * {@code X-Serverless-Authorization} before {@code Authorization: Bearer} (3, RFC 6750 section 2.1).
 */
@NullMarked
package dev.invokerguard.request;

import org.jspecify.annotations.NullMarked;
