package dev.invokerguard.policy;

import java.time.Instant;

/**
 * The attributes a Cloud Run invoker condition may read.
 *
 * @param host {@code request.host}, already normalised (lowercase, no port, no trailing dot, Punycode)
 * @param path {@code request.path}, already checked by the path firewall, dot segments resolved, decoded once
 * @param time {@code request.time}
 */
record ConditionContext(String host, String path, Instant time) {}
