package dev.invokerguard.benchmarks.http;

import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.samples.servlet.SampleServer;
import dev.invokerguard.servlet.InvokerGuardFilter;
import dev.invokerguard.testing.DemoMode;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput and latency of the servlet sample with and without {@link InvokerGuardFilter}, in one run:
 * both servers in this JVM on loopback, the same closed-loop load ({@link LoadDriver}) on each, alternating
 * rounds so that drift hits both alike, callers reusing a small set of valid tokens as real callers do
 * (a token lives an hour). Throughput is measured under saturating load ({@code --concurrency}
 * connections); the latency the guard adds is measured under light load ({@code --latency-concurrency}),
 * where it is not multiplied by queueing (the loaded p99 is reported too). Targets: guarded throughput at
 * least 0.90 of unguarded; p99 latency added at most 1 ms.
 *
 * <pre>
 * java -jar benchmarks/http-load/target/http-load.jar [--concurrency 16] [--latency-concurrency 2]
 *     [--seconds 10] [--rounds 3] [--warmup-seconds 10] [--max-requests 2000000] [--out benchmarks/results]
 * </pre>
 */
public final class HttpLoadBenchmark {
  private HttpLoadBenchmark() {}

  /** The run's shape. */
  private record Plan(int concurrency, int latencyConcurrency, Duration round, int rounds, Duration warmup,
      long maxRequests, String loadBefore) {}

  /** Both servers' measurements: throughput rounds (saturating) and latency rounds (light load). */
  private record Measured(List<LoadDriver.Round> load, List<LoadDriver.Round> light) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Plan plan = new Plan(Integer.parseInt(options.getOrDefault("concurrency", "16")),
        Integer.parseInt(options.getOrDefault("latency-concurrency", "2")),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10"))),
        Integer.parseInt(options.getOrDefault("rounds", "3")),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "10"))),
        Long.parseLong(options.getOrDefault("max-requests", "2000000")), loadAverage());
    String command = "java -jar benchmarks/http-load/target/http-load.jar " + String.join(" ", args);

    try (TestIssuer issuer = TestIssuer.start()) {
      String audience = "http://127.0.0.1";
      GuardSettings settings = GuardSettings.builder().policy(DemoMode.POLICY)
          .audiences(audience).jwksUri(issuer.jwksUri()).build();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Instant issued = Instant.now().minusSeconds(i);
        tokens.add(issuer.user("alice@example.com").audience(audience).issuedAt(issued).sign());
        tokens.add(issuer.serviceAccount("reporter@demo-project.iam.gserviceaccount.com").audience(audience)
            .issuedAt(issued).sign());
      }
      try (SampleServer plain = SampleServer.start("127.0.0.1", 0, null);
          SampleServer guarded = SampleServer.start("127.0.0.1", 0, new InvokerGuardFilter(settings))) {
        URI plainUri = URI.create("http://127.0.0.1:" + plain.port() + "/private/report");
        URI guardedUri = URI.create("http://127.0.0.1:" + guarded.port() + "/private/report");
        LoadDriver load = new LoadDriver(plan.concurrency, tokens);
        LoadDriver light = new LoadDriver(plan.latencyConcurrency, tokens);
        System.out.println("warming up " + plan.warmup.toSeconds() + " s each ...");
        load.run(plainUri, plan.warmup, plan.maxRequests);
        load.run(guardedUri, plan.warmup, plan.maxRequests);
        Measured without = new Measured(new ArrayList<>(), new ArrayList<>());
        Measured with = new Measured(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < plan.rounds; r++) {
          without.load.add(load.run(plainUri, plan.round, plan.maxRequests));
          with.load.add(load.run(guardedUri, plan.round, plan.maxRequests));
          without.light.add(light.run(plainUri, plan.round, plan.maxRequests));
          with.light.add(light.run(guardedUri, plan.round, plan.maxRequests));
          System.out.printf("round %d: without %.0f req/s, with %.0f req/s%n", r + 1,
              without.load.get(r).throughput(), with.load.get(r).throughput());
        }
        String[] report = report(command, plan, tokens.size(), without, with);
        System.out.println(report[0]);
        if (options.containsKey("out")) {
          Path dir = Path.of(options.get("out"));
          Files.createDirectories(dir);
          Files.writeString(dir.resolve("http-load-servlet.txt"), report[0], StandardCharsets.UTF_8);
          Files.writeString(dir.resolve("http-load-servlet.json"), report[1], StandardCharsets.UTF_8);
        }
      }
    }
  }

  private static String[] report(String command, Plan plan, int tokenCount, Measured without, Measured with) {
    Stats u = Stats.of(without.load);
    Stats g = Stats.of(with.load);
    Stats lu = Stats.of(without.light);
    Stats lg = Stats.of(with.light);
    double ratio = g.throughput / u.throughput;
    double addedP99 = (lg.p99 - lu.p99) / 1e6;
    double addedP99Loaded = (g.p99 - u.p99) / 1e6;
    String verdict = "throughput ratio " + (ratio >= 0.90 ? "meets" : "MISSES") + " the 0.90 target; p99 added "
        + "under light load " + (addedP99 <= 1.0 ? "meets" : "MISSES") + " the 1 ms target";
    String environment = "JVM " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
        + Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch");
    Instant now = Instant.now();
    String text = String.format(java.util.Locale.ROOT, """
        InvokerGuard HTTP load benchmark: servlet sample (Jetty 12) with and without InvokerGuardFilter
        command:     %s
        date:        %s
        environment: %s;
                     driver, both servers and the test issuer in one JVM on loopback
        requests:    GET /private/report with one of %d valid tokens (2 callers), reused; JDK HttpClient,
                     HTTP/1.1 kept alive, closed loop; %d s warm-up each; %d alternating rounds of %d s
        policy:      the demo policy (3 bindings, 2 with conditions); every guarded request is allowed

        load (%d connections)  requests   req/s      p50 ms   p99 ms   p99.9 ms
          without             %9d  %9.0f  %7.3f  %7.3f  %8.3f
          with                %9d  %9.0f  %7.3f  %7.3f  %8.3f
        light (%d connections)
          without             %9d  %9.0f  %7.3f  %7.3f  %8.3f
          with                %9d  %9.0f  %7.3f  %7.3f  %8.3f

        throughput ratio (with / without, under load):  %.3f     (target >= 0.90)
        p99 latency added (light load):                  %.3f ms  (target <= 1 ms)
        p99 latency added (under load, incl. queueing):  %.3f ms
        %s
        per round (req/s under load, without / with): %s
        load average (1 min) before / after: %s / %s
        """, command, now, environment, tokenCount, plan.warmup.toSeconds(), plan.rounds,
        plan.round.toSeconds(), plan.concurrency, u.requests, u.throughput, u.p50 / 1e6, u.p99 / 1e6,
        u.p999 / 1e6, g.requests, g.throughput, g.p50 / 1e6, g.p99 / 1e6, g.p999 / 1e6,
        plan.latencyConcurrency, lu.requests, lu.throughput, lu.p50 / 1e6, lu.p99 / 1e6, lu.p999 / 1e6,
        lg.requests, lg.throughput, lg.p50 / 1e6, lg.p99 / 1e6, lg.p999 / 1e6, ratio, addedP99,
        addedP99Loaded, verdict, perRound(without, with), plan.loadBefore, loadAverage());
    String json = String.format(java.util.Locale.ROOT, """
        {
          "benchmark": "http-load-servlet",
          "command": "%s",
          "date": "%s",
          "environment": "%s",
          "concurrency": %d, "latencyConcurrency": %d, "tokens": %d, "warmupSeconds": %d, "rounds": %d,
          "roundSeconds": %d,
          "load": {"without": %s, "with": %s},
          "light": {"without": %s, "with": %s},
          "throughputRatio": %.4f,
          "p99AddedMs": %.4f,
          "p99AddedUnderLoadMs": %.4f,
          "targets": {"throughputRatio": 0.90, "p99AddedMs": 1.0}
        }
        """, command, now, environment, plan.concurrency, plan.latencyConcurrency, tokenCount,
        plan.warmup.toSeconds(), plan.rounds, plan.round.toSeconds(), u.json(), g.json(), lu.json(), lg.json(),
        ratio, addedP99, addedP99Loaded);
    return new String[] {text, json};
  }

  /** Aggregate of several rounds: total requests over total time, latency quantiles over all requests. */
  private record Stats(long requests, double throughput, long p50, long p99, long p999) {
    static Stats of(List<LoadDriver.Round> rounds) {
      long requests = rounds.stream().mapToLong(LoadDriver.Round::requests).sum();
      double seconds = rounds.stream().mapToDouble(LoadDriver.Round::seconds).sum();
      long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
      return new Stats(requests, requests / seconds, LoadDriver.quantile(all, 0.50),
          LoadDriver.quantile(all, 0.99), LoadDriver.quantile(all, 0.999));
    }

    String json() {
      return String.format(java.util.Locale.ROOT,
          "{\"requests\": %d, \"throughput\": %.1f, \"p50Ms\": %.4f, \"p99Ms\": %.4f, \"p999Ms\": %.4f}",
          requests, throughput, p50 / 1e6, p99 / 1e6, p999 / 1e6);
    }
  }

  private static String perRound(Measured without, Measured with) {
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < without.load.size(); r++) {
      out.append(r == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.0f / %.0f",
          without.load.get(r).throughput(), with.load.get(r).throughput()));
    }
    return out.toString();
  }

  /** The host's 1-minute load average, to tell a quiet machine from a busy one. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value: " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
