package dev.invokerguard.policy.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.token.AudienceSource;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audiences Cloud Run accepts for a service, read from its resource in the
 * <a href="https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/get">Cloud Run
 * Admin API v2</a> ({@code GET {base}/v2/projects/P/locations/L/services/S}): every URL of {@code urls[]}
 * (the {@code https://S-PROJECT_NUMBER.REGION.run.app} form and the older {@code https://S-HASH-XX.a.run.app}
 * form), {@code uri}, and {@code customAudiences[]}. The same grant that reads the service's policy
 * ({@code roles/run.viewer}) reads it. Polled every {@link PolicySourceOptions#cloudRunInterval()}; a failed
 * poll keeps the audiences already known, and until the first poll succeeds {@link #current()} is empty
 * (tokens are answered 503, never accepted for any audience).
 */
public final class ServiceAudiences implements AudienceSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAudiences.class);

  /**
   * What is known.
   *
   * @param location the {@code cloudrun://} service location
   * @param audiences the audiences read, empty when none is known yet
   * @param fetchedAt when they were read, or {@code null}
   * @param failures polls that failed
   * @param consecutiveFailures failures since the last successful poll
   * @param lastFailure why the last failed poll failed, or {@code null}
   */
  public record Status(String location, Set<String> audiences, @Nullable Instant fetchedAt, long failures,
      long consecutiveFailures, @Nullable String lastFailure) {
    public Status {
      audiences = Set.copyOf(audiences);
    }

    /** Whether audiences are known. */
    public boolean known() {
      return fetchedAt != null;
    }
  }

  private final String location;
  private final URI uri;
  private final PolicySourceOptions options;
  private final HttpClient client;
  private final Clock clock;
  private volatile @Nullable Set<String> audiences;
  private volatile @Nullable Instant fetchedAt;
  private volatile long failures;
  private volatile long consecutiveFailures;
  private volatile @Nullable String lastFailure;
  private @Nullable ScheduledFuture<?> schedule;
  private volatile boolean closed;
  private volatile long rateLimitedInARow;
  private volatile java.time.@Nullable Duration retryAfter;

  private ServiceAudiences(String location, URI uri, PolicySourceOptions options, HttpClient client) {
    this.location = location;
    this.uri = uri;
    this.options = options;
    this.client = client;
    this.clock = options.clock();
  }

  /**
   * Reads the audiences of the service at {@code location} ({@code cloudrun://projects/P/locations/L/services/S})
   * once now, then polls them on the options' executor.
   *
   * @throws PolicySourceException when the location is not a Cloud Run service, no executor is given, or
   *     Application Default Credentials are asked for without Google Auth Library
   */
  public static ServiceAudiences open(String location, PolicySourceOptions options) {
    Matcher service = PolicySources.SERVICE.matcher(location == null ? "" : location);
    if (!service.matches()) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_LOCATION, "audiences are read from a Cloud"
          + " Run service, cloudrun://projects/P/locations/L/services/S: \"" + location + "\"");
    }
    if (options.executor() == null) {
      throw new PolicySourceException(PolicySourceErrorCode.INVALID_OPTION, "reading audiences needs an executor");
    }
    if (options.credentials() instanceof ApplicationDefaultCredentials
        && !ApplicationDefaultCredentials.libraryPresent()) {
      throw new PolicySourceException(PolicySourceErrorCode.MISSING_DEPENDENCY,
          "audiences of \"" + location + "\": " + ApplicationDefaultCredentials.missingLibrary());
    }
    String base = options.cloudRunBase().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/v2/projects/" + service.group(1) + "/locations/" + service.group(2)
        + "/services/" + service.group(3));
    HttpClient client = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    ServiceAudiences audiences = new ServiceAudiences(location, uri, options, client);
    audiences.refresh();
    audiences.scheduleNext(PollTiming.firstDelay(options.cloudRunInterval(), options.random()));
    return audiences;
  }

  @Override
  public Optional<Set<String>> current() {
    return Optional.ofNullable(audiences);
  }

  public Status status() {
    Set<String> known = audiences;
    return new Status(location, known == null ? Set.of() : known, fetchedAt, failures, consecutiveFailures,
        lastFailure);
  }

  /** Reads the service resource now; returns whether that succeeded (on failure the known audiences stay). */
  public synchronized boolean refresh() {
    try {
      Set<String> read = read();
      if (!read.equals(audiences)) {
        LOG.info("token audiences of {}: {}", location, read);
      }
      audiences = Set.copyOf(read);
      fetchedAt = clock.instant();
      consecutiveFailures = 0;
      rateLimitedInARow = 0;
      retryAfter = null;
      return true;
    } catch (IOException | RuntimeException e) {
      boolean limited = e instanceof DocumentFetcher.RateLimited;
      rateLimitedInARow = limited ? rateLimitedInARow + 1 : 0;
      retryAfter = limited ? ((DocumentFetcher.RateLimited) e).retryAfter() : null;
      failures++;
      consecutiveFailures++;
      lastFailure = e.getMessage();
      if (audiences == null) {
        LOG.error("token audiences of {} cannot be read ({}): tokens are answered 503 until they can", location,
            e.getMessage());
      } else {
        LOG.warn("token audiences of {} cannot be re-read ({}): keeping {}", location, e.getMessage(), audiences);
      }
      return false;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }

  private void poll() {
    try {
      refresh();
    } catch (Throwable e) {
      try {
        LOG.error("audience poll of {} failed unexpectedly; polling goes on", location, e);
      } catch (Throwable ignored) {
        // out of memory: the next poll tries again
      }
    } finally {
      scheduleNext(PollTiming.nextDelay(options.cloudRunInterval(), rateLimitedInARow, retryAfter,
          options.random()));
    }
  }

  private synchronized void scheduleNext(java.time.Duration delay) {
    if (closed) {
      return;
    }
    try {
      schedule = options.executor().schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("audience polls of {} stop: the executor is shut down", location);
    }
  }

  private Set<String> read() throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
        .header("Accept", "application/json").GET();
    for (Map.Entry<String, List<String>> header : options.credentials().requestHeaders(uri).entrySet()) {
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new IOException("timed out after " + options.requestTimeout().toMillis() + " ms: " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + uri, e);
    }
    if (response.body().length > IamApiFetcher.MAX_BODY) {
      throw new IOException("the response of " + uri + " is larger than " + IamApiFetcher.MAX_BODY + " bytes");
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      throw IamApiFetcher.failure(uri, response, body);
    }
    return parse(body);
  }

  /** {@code urls[]}, {@code uri} and {@code customAudiences[]} of a v2 {@code Service}. */
  static Set<String> parse(String body) throws IOException {
    JsonNode root = StreamingJson.readLenient(body);
    if (root == null || !root.isObject()) {
      throw new IOException("the service resource is not a JSON object");
    }
    Set<String> out = new LinkedHashSet<>();
    add(out, root.get("uri"));
    for (String field : new String[] {"urls", "customAudiences"}) {
      JsonNode values = root.get(field);
      if (values != null && values.isArray()) {
        values.forEach(value -> add(out, value));
      } else if (values != null && !values.isNull()) {
        throw new IOException("the service resource's " + field + " is not a list");
      }
    }
    if (out.isEmpty()) {
      throw new IOException("the service resource lists no URL and no custom audience (not deployed yet?)");
    }
    return out;
  }

  private static void add(Set<String> out, @Nullable JsonNode value) {
    if (value != null && value.isTextual() && !value.asText().isBlank()
        && value.asText().chars().noneMatch(c -> c <= ' ')) {
      out.add(value.asText());
    }
  }
}
