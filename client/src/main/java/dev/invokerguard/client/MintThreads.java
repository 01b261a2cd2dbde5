package dev.invokerguard.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The shared daemon threads that mint and renew tokens off callers' threads. */
final class MintThreads {
  static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "invokerguard-id-token-refresh");
            thread.setDaemon(true);
            return thread;
          });

  private MintThreads() {}
}
