package dev.invokerguard.samples.s2s;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The sample jar started as a user would, with exactly the given variables. */
final class RoleProcess implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  private final Process process;
  private final Path output;

  private RoleProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** {@code java -jar sample-service-to-service.jar ARGS} with these variables only. */
  static RoleProcess start(Map<String, String> env, String... args) throws IOException {
    String jar = System.getProperty("sample.jar", "target/sample-service-to-service.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    Path output = Files.createTempFile("sample-s2s", ".log");
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return new RoleProcess(builder.start(), output);
  }

  /** Waits until the output contains {@code line}; fails when the process exits first. */
  RoleProcess await(String line) throws Exception {
    Instant limit = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(limit)) {
      if (output().contains(line)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the sample exited with " + process.exitValue() + ":\n" + output());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no \"" + line + "\" within " + START_LIMIT + ":\n" + output());
  }

  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    List<ProcessHandle> children = descendants();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
    Files.deleteIfExists(output);
  }
}
