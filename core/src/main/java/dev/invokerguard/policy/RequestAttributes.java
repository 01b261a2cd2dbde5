package dev.invokerguard.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * The request attributes an IAM Condition on a Cloud Run service may read (see
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">Conditions attribute
 * reference</a>).
 *
 * @param host {@code request.host}, already normalised
 * @param path {@code request.path}, already checked by the path firewall and normalised
 * @param time {@code request.time}
 */
public record RequestAttributes(String host, String path, Instant time) {
  public RequestAttributes {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(time, "time");
  }
}
