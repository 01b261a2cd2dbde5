package dev.invokerguard.samples.enduser;

import dev.invokerguard.tck.sample.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The sample jar started as a user would: {@code java -jar sample-end-user.jar} with only environment
 * variables, on two free ports (the API's {@code PORT} and the page's {@code PAGE_PORT}).
 */
final class SampleProcess implements AutoCloseable {
  // A Spring Boot start takes seconds on a quiet machine and much longer on a crowded one.
  private static final Duration LIMIT = Duration.ofSeconds(180);

  final int apiPort;
  final int pagePort;
  private final Process process;
  private final Path output;

  private SampleProcess(int apiPort, int pagePort, Process process, Path output) {
    this.apiPort = apiPort;
    this.pagePort = pagePort;
    this.process = process;
    this.output = output;
  }

  /** Starts the jar with exactly these variables plus {@code PORT} and {@code PAGE_PORT} (free ports). */
  static SampleProcess start(Map<String, String> env) throws IOException {
    int api = freePort();
    int page = freePort();
    while (page == api) {
      page = freePort();
    }
    String jar = System.getProperty("sample.jar", "target/sample-end-user.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    Path output = Files.createTempFile("sample-end-user", ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(api));
    builder.environment().put("PAGE_PORT", Integer.toString(page));
    return new SampleProcess(api, page, builder.start(), output);
  }

  /** Waits until the sample prints the page's URL and both ports accept connections. */
  SampleProcess awaitListening() throws Exception {
    awaitOutput(out -> out.contains("Open http://localhost:" + pagePort + "/"));
    for (int port : new int[] {apiPort, pagePort}) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      }
    }
    return this;
  }

  /** Waits until the output satisfies {@code condition}; fails when the process exits first. */
  String awaitOutput(Predicate<String> condition) throws InterruptedException {
    Instant limit = Instant.now().plus(LIMIT);
    while (Instant.now().isBefore(limit)) {
      String out = output();
      if (condition.test(out)) {
        return out;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the sample exited with " + process.exitValue() + ":\n" + out);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the sample's output did not show what was awaited within " + LIMIT
        + ":\n" + output());
  }

  /** Waits for the process to exit and returns its status. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("the sample did not exit:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  RawHttp api() {
    return new RawHttp(apiPort, "localhost:" + apiPort);
  }

  RawHttp page() {
    return new RawHttp(pagePort, "localhost:" + pagePort);
  }

  String pageOrigin() {
    return "http://localhost:" + pagePort;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(output);
  }
}
