package dev.invokerguard.client;

import java.util.Objects;

/**
 * A header to add to an outbound request: {@code name} is {@code Authorization} or {@code
 * X-Serverless-Authorization}, {@code value} is {@code Bearer <token>}.
 *
 * @param name the header's name
 * @param value the header's value; never logged by {@link #toString()}
 */
public record OutboundHeader(String name, String value) {
  /** Validates the header. */
  public OutboundHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "OutboundHeader[" + name + ": Bearer ...]";
  }
}
