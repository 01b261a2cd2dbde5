package dev.invokerguard.tck;

import dev.invokerguard.DecisionCounts;
import java.net.URI;
import java.util.Optional;

/**
 * An adapter started by {@link AdapterContractSuite#start}: a server on loopback with the adapter in front
 * of the contract's echo endpoint (see {@link AdapterContractSuite}). The suite stops it.
 */
public interface RunningAdapter {
  /**
   * Where the server listens, e.g. {@code http://127.0.0.1:41234}: scheme, loopback host and port, no path.
   * The suite appends request-targets to it and opens raw sockets to its host and port.
   *
   * @return the base URL of the running server
   */
  URI baseUri();

  /**
   * The counters of the running guard ({@code InvokerGuard.counts()}), read by the shadow mode checks.
   *
   * @return the decisions the guard has counted so far
   */
  DecisionCounts counts();

  /**
   * The guard's health as the adapter reports it: {@code "UP"}, {@code "DEGRADED"} or {@code "DOWN"}
   * ({@code GuardRuntime.health()} as the adapter translates it), read over the adapter's health endpoint or
   * however the framework exposes health. Empty, the default, when the adapter reports no health: the
   * suite's health checks are then skipped, saying so.
   *
   * @return the reported health status
   * @throws Exception when the health cannot be read (the check then fails)
   */
  default Optional<String> healthStatus() throws Exception {
    return Optional.empty();
  }

  /**
   * Stops the server and the guard (its key refreshes and policy reloads).
   *
   * @throws Exception when the server does not stop cleanly (the suite then fails)
   */
  void stop() throws Exception;
}
