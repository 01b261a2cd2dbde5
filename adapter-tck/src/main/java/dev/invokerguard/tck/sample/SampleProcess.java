package dev.invokerguard.tck.sample;

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

/**
 * A sample jar started as a user would start it: {@code java -jar} with only environment variables
 * (DESIGN.md, "The sample contract": {@code PORT} and {@code INVOKERGUARD_*}). The jar is the one named by the
 * system property {@code sample.jar} (each sample's failsafe configuration sets it); its output goes to a
 * temporary file that {@link #output()} reads.
 */
public final class SampleProcess implements AutoCloseable {
  /** The system property naming the jar. */
  public static final String JAR_PROPERTY = "sample.jar";
  // A limit, not a goal: a Spring Boot start takes seconds on a quiet machine and much longer on a crowded one.
  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  private final int port;
  private final Process process;
  private final Path output;

  private SampleProcess(int port, Process process, Path output) {
    this.port = port;
    this.process = process;
    this.output = output;
  }

  /** Starts the jar with exactly these variables plus {@code PORT} (a free port). */
  public static SampleProcess start(Map<String, String> env) throws IOException {
    return start(env, freePort());
  }

  /** Starts the jar with exactly these variables plus {@code PORT}. */
  public static SampleProcess start(Map<String, String> env, int port) throws IOException {
    Path jar = jar();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path output = Files.createTempFile("sample", ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    return new SampleProcess(port, builder.start(), output);
  }

  /** The jar {@code sample.jar} names. */
  public static Path jar() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || jar.isBlank()) {
      throw new IllegalStateException("set the system property " + JAR_PROPERTY + " to the sample's runnable jar"
          + " (the samples' maven-failsafe-plugin configuration does)");
    }
    return Path.of(jar);
  }

  /** The port the process was given. */
  public int port() {
    return port;
  }

  /**
   * Waits until the sample says it is listening (its {@code listening on} line) and its port accepts a
   * connection (an open port alone does not mean started: Jetty binds before the filter's {@code init});
   * fails when the process exits first.
   */
  public SampleProcess awaitListening() throws Exception {
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

  /** Waits until {@code text} stands at least {@code times} times in the output, and returns the output. */
  public String awaitOutput(String text, int times) throws InterruptedException {
    Instant limit = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(limit)) {
      String out = output();
      if (out.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
        return out;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("\"" + text + "\" not printed " + times + " times:\n" + output());
  }

  /** Waits for the process to exit and returns its status. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("the sample did not exit:\n" + output());
    }
    return process.exitValue();
  }

  /** Everything the process printed so far (standard output and error). */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /** Raw HTTP to the process's port. */
  public RawHttp http() {
    return new RawHttp(port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the process (forcibly after ten seconds) and deletes its output. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(output);
  }
}
