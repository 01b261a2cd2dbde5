package dev.invokerguard.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The servlet sample's demo ({@code samples/servlet/target/sample-servlet.jar} with no {@code INVOKERGUARD_*}
 * variable: the demo policy and its own test issuer), started in the background on a free port for the
 * documentation blocks that talk to a running service.
 */
final class DemoService implements AutoCloseable {
  static final Path JAR = Path.of("samples", "servlet", "target", "sample-servlet.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final Path log;

  private DemoService(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the demo and waits until it answers HTTP (any status). */
  static DemoService start(Path repository, Path scratch) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile(scratch, "demo", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", repository.resolve(JAR).toString()).directory(repository.toFile());
    DocBlockRunner.environment(builder.environment());
    builder.environment().put("PORT", Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    DemoService demo = new DemoService(builder.start(), port, log);
    try {
      demo.awaitAnswer();
    } catch (IOException | InterruptedException | RuntimeException e) {
      demo.close();
      throw e;
    }
    return demo;
  }

  int port() {
    return port;
  }

  private void awaitAnswer() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/hello"))
        .timeout(Duration.ofSeconds(10)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the demo exited with " + process.exitValue() + ":\n"
            + Files.readString(log));
      }
      try {
        client.send(request, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the demo did not answer within " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
