package dev.invokerguard.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How public key sets are fetched and cached. Every value has a {@code DEFAULT_*} constant.
 *
 * <p>The lifetime of a fetched key set is its {@code Cache-Control: max-age} minus its {@code Age}
 * (RFC 9111 section 4.2), clamped to [{@link #minLifetime}, {@link #maxLifetime}]. Keys are refetched in
 * the background before they expire; a failed refetch keeps the last good keys for up to
 * {@link #maxStaleness} past their expiry. An unknown {@code kid} triggers at most one refetch per
 * {@link #unknownKidInterval} per key source.
 *
 * @param minLifetime the shortest time fetched keys are kept
 * @param maxLifetime the longest time fetched keys are kept before a refetch
 * @param maxStaleness how long past its lifetime a key set keeps serving while refetches fail
 * @param unknownKidInterval the least time between two refetches caused by unknown key ids
 * @param connectTimeout the HTTP connect timeout
 * @param readTimeout the HTTP request timeout (response headers and body)
 */
public record KeySetSettings(
    Duration minLifetime,
    Duration maxLifetime,
    Duration maxStaleness,
    Duration unknownKidInterval,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_MIN_LIFETIME = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofHours(24);
  public static final Duration DEFAULT_UNKNOWN_KID_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);

  public KeySetSettings {
    requirePositive("minLifetime", minLifetime);
    requirePositive("maxLifetime", maxLifetime);
    requirePositive("unknownKidInterval", unknownKidInterval);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    Objects.requireNonNull(maxStaleness, "maxStaleness");
    if (maxStaleness.isNegative()) {
      throw new IllegalArgumentException("maxStaleness must not be negative: " + maxStaleness);
    }
    if (minLifetime.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException(
          "minLifetime " + minLifetime + " is longer than maxLifetime " + maxLifetime);
    }
  }

  /** The defaults. */
  public static KeySetSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** Builds {@link KeySetSettings}; {@link #build()} validates. */
  public static final class Builder {
    private Duration minLifetime = DEFAULT_MIN_LIFETIME;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private Duration maxStaleness = DEFAULT_MAX_STALENESS;
    private Duration unknownKidInterval = DEFAULT_UNKNOWN_KID_INTERVAL;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;

    private Builder() {}

    public Builder minLifetime(Duration value) {
      this.minLifetime = value;
      return this;
    }

    public Builder maxLifetime(Duration value) {
      this.maxLifetime = value;
      return this;
    }

    public Builder maxStaleness(Duration value) {
      this.maxStaleness = value;
      return this;
    }

    public Builder unknownKidInterval(Duration value) {
      this.unknownKidInterval = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    public Builder readTimeout(Duration value) {
      this.readTimeout = value;
      return this;
    }

    public KeySetSettings build() {
      return new KeySetSettings(minLifetime, maxLifetime, maxStaleness, unknownKidInterval,
          connectTimeout, readTimeout);
    }
  }
}
