/**
 * Step 4 of the pipeline: verifying Google-signed ID tokens (RFC 7515, RFC 7519, OpenID Connect Core 1.0) against
 * each issuer's cached key set (RFC 7517, kept by RFC 9111 lifetimes), giving a verified token or the RFC 6750
 * reason it was rejected.
 */
@NullMarked
package dev.invokerguard.token;

import org.jspecify.annotations.NullMarked;
