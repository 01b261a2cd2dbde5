package dev.invokerguard.samples.spring;

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

/** The sample jar started as a user would: {@code java -jar sample-spring.jar} with only environment variables. */
final class SampleProcess implements AutoCloseable {
  // A Spring Boot start takes seconds on a quiet machine and much longer on a crowded one.
  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  final int port;
  private final Process process;
  private final Path output;

  private SampleProcess(int port, Process process, Path output) {
    this.port = port;
    this.process = process;
    this.output = output;
  }

  /** Starts the jar with exactly these variables plus {@code PORT} (a free port). */
  static SampleProcess start(Map<String, String> env) throws IOException {
    return start(env, freePort());
  }

  /** Starts the jar with exactly these variables plus {@code PORT}. */
  static SampleProcess start(Map<String, String> env, int port) throws IOException {
    String jar = System.getProperty("sample.jar", "target/sample-spring.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    Path output = Files.createTempFile("sample-spring", ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    return new SampleProcess(port, builder.start(), output);
  }

  /**
   * Waits until the sample says it is listening (the line is printed once the application is ready); fails when the process exits first.
   */
  SampleProcess awaitListening() throws Exception {
    Instant limit = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(limit)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the sample exited with " + process.exitValue() + ":\n" + output());
      }
      if (output().contains("listening on")) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return this;
        } catch (IOException notYet) {
          // the line came first; the port follows
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the sample did not listen within " + START_LIMIT + ":\n" + output());
  }

  /** Waits for the process to exit and returns its status. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(START_LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
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

  RawHttp http() {
    return new RawHttp(port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(output);
  }
}
