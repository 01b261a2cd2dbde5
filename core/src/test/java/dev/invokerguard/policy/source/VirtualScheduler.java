package dev.invokerguard.policy.source;

import dev.invokerguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time: tasks run on the calling thread of {@link #runUntil}, in the order of their
 * due times (ties in the order scheduled), and the clock is moved to each task's time before it runs. One
 * scheduler for many sources, so that a fleet's polls are simulated in one thread without waiting.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final MutableClock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>(
      java.util.Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order));
  private long sequence;

  VirtualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  /** Runs every task due up to {@code end}, then sets the clock to {@code end}. */
  void runUntil(Instant end) {
    while (!queue.isEmpty() && !queue.peek().due.isAfter(end)) {
      Task task = queue.poll();
      if (task.cancelled) {
        continue;
      }
      if (task.due.isAfter(clock.instant())) {
        clock.set(task.due);
      }
      task.command.run();
    }
    if (end.isAfter(clock.instant())) {
      clock.set(end);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task task = new Task(command, clock.instant().plus(Duration.ofNanos(unit.toNanos(Math.max(0, delay)))),
        sequence++);
    queue.add(task);
    return task;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("sources schedule each poll themselves");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("sources schedule each poll themselves");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void shutdown() {
    queue.clear();
  }

  @Override
  public List<Runnable> shutdownNow() {
    queue.clear();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final Instant due;
    final long order;
    volatile boolean cancelled;

    Task(Runnable command, Instant due, long order) {
      this.command = command;
      this.due = due;
      this.order = order;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }
}
