package dev.invokerguard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Threads that must never block, as an event loop's: BlockHound (installed for the test run by its JUnit
 * Platform integration, which loads this class) records every blocking call made on them.
 */
public final class NonBlockingThreads implements BlockHoundIntegration {
  static final String PREFIX = "invokerguard-test-event-loop-";
  private static final List<String> BLOCKED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger COUNT = new AtomicInteger();

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.nonBlockingThreadPredicate(current -> current.or(t -> t.getName().startsWith(PREFIX)))
        // an event loop waits for its next task, as this executor's worker does between tasks
        .allowBlockingCallsInside(ThreadPoolExecutor.class.getName(), "getTask")
        .blockingMethodCallback(method -> BLOCKED.add(Thread.currentThread().getName() + ": " + method
            + where()));
  }

  /** The caller's frames of InvokerGuard's own code, to say where the blocking call came from. */
  private static String where() {
    StringBuilder out = new StringBuilder();
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (frame.getClassName().startsWith("dev.invokerguard") && !frame.getClassName().contains("NonBlocking")
          || frame.getClassName().startsWith("com.github.benmanes")) {
        out.append("\n    at ").append(frame);
      }
    }
    return out.toString();
  }

  /** One thread declared non-blocking. */
  static ExecutorService eventLoop() {
    BlockHound.install();
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, PREFIX + COUNT.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The blocking calls seen so far, with the thread that made them. */
  static List<String> blockedCalls() {
    return List.copyOf(BLOCKED);
  }

  static void forget() {
    BLOCKED.clear();
  }
}
