package dev.invokerguard.benchmarks.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP/1.1 load on loopback with the JDK {@link HttpClient}: {@code concurrency} threads, each
 * sending one request at a time over its kept-alive connection, for a bounded time and a bounded count.
 * Every request's latency is recorded; a response other than 200 fails the run.
 */
final class LoadDriver {
  /** What one round measured. */
  record Round(long requests, double seconds, long[] latenciesNanos) {
    double throughput() {
      return requests / seconds;
    }
  }

  private final int concurrency;
  private final List<String> tokens;

  LoadDriver(int concurrency, List<String> tokens) {
    this.concurrency = concurrency;
    this.tokens = List.copyOf(tokens);
  }

  Round run(URI uri, Duration duration, long maxRequests) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    List<HttpRequest> requests = tokens.stream().map(t -> HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + t).timeout(Duration.ofSeconds(10)).GET().build()).toList();
    AtomicLong budget = new AtomicLong(maxRequests);
    long deadline = System.nanoTime() + duration.toNanos();
    List<long[]> perThread = new ArrayList<>();
    long[] counts = new long[concurrency];
    Throwable[] failure = new Throwable[1];
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      int index = t;
      long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, maxRequests / concurrency + 1024)];
      perThread.add(latencies);
      Thread thread = new Thread(() -> {
        int n = 0;
        try {
          while (System.nanoTime() < deadline && budget.getAndDecrement() > 0 && n < latencies.length) {
            HttpRequest request = requests.get((index + n) % requests.size());
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            latencies[n++] = System.nanoTime() - sent;
            if (response.statusCode() != 200) {
              throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri + ": "
                  + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
          }
        } catch (Exception e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
        counts[index] = n;
      }, "load-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure[0] != null) {
      throw new IllegalStateException("load failed", failure[0]);
    }
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (int t = 0; t < concurrency; t++) {
      System.arraycopy(perThread.get(t), 0, all, at, (int) counts[t]);
      at += (int) counts[t];
    }
    return new Round(total, seconds, all);
  }

  /** The q-quantile (nearest rank) of sorted values. */
  static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
