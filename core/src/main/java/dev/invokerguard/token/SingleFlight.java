package dev.invokerguard.token;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most one piece of work in flight: a caller either starts it or gets the one already running, and
 * all of them wait on the same {@link CompletableFuture}. The work must not throw.
 */
final class SingleFlight {
  private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

  /** The work in flight, or {@code null}. */
  CompletableFuture<Void> running() {
    return inFlight.get();
  }

  /**
   * Runs {@code work} on {@code runner} unless work is in flight; returns the flight to wait for. A runner
   * that rejects the work ends the flight at once, without running it.
   */
  CompletableFuture<Void> start(Runnable work, Executor runner) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    Runnable task = () -> {
      try {
        work.run();
      } finally {
        end(mine);
      }
    };
    try {
      runner.execute(task);
    } catch (RejectedExecutionException e) {
      end(mine);
    }
    return mine;
  }

  /** Waits for a flight to land, at most {@code limit}; true when it did. Keeps the interrupt flag. */
  static boolean await(CompletableFuture<Void> flight, Duration limit) {
    try {
      flight.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    }
  }

  /** Releases whoever waits on the flight in progress, if any (its work may still finish later). */
  void abandon() {
    CompletableFuture<Void> pending = inFlight.getAndSet(null);
    if (pending != null) {
      pending.complete(null);
    }
  }

  private void end(CompletableFuture<Void> flight) {
    inFlight.compareAndSet(flight, null);
    flight.complete(null);
  }
}
