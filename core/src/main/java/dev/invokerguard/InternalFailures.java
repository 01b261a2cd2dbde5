package dev.invokerguard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * How an internal failure during a decision is told: one log line per failure, with the stack trace the
 * first time each kind of failure occurs (a flood of the same failure writes one trace, not thousands).
 * Which failures are beyond handling is decided here too.
 */
final class InternalFailures {
  private final Logger log;
  private final Set<Class<?>> traced = ConcurrentHashMap.newKeySet();

  InternalFailures(Logger log) {
    this.log = log;
  }

  /**
   * An Error after which the JVM cannot be trusted to go on ({@link InternalError}, {@link UnknownError}).
   * {@link OutOfMemoryError} and {@link StackOverflowError} are not: the thread that met them unwinds and
   * the request is answered 503.
   */
  static boolean isFatal(Throwable e) {
    return e instanceof InternalError || e instanceof UnknownError;
  }

  static void rethrowIfFatal(Throwable e) {
    if (isFatal(e)) {
      throw (VirtualMachineError) e;
    }
  }

  void log(String what, Throwable e) {
    try {
      if (traced.add(e.getClass())) {
        log.error("{}: {}", what, e.toString(), e);
      } else {
        log.error("{}: {} (stack trace logged at its first occurrence)", what, e.toString());
      }
    } catch (Throwable ignored) {
      // logging itself failed (out of memory): the request is still answered
    }
  }
}
