package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code target/invokerguard.jar} as a process, as a user would. */
final class CliProcess {
  /** The repository's root, where the README's and docs' command lines run. */
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final Path RESOURCES = Path.of("target/test-classes").toAbsolutePath();

  record Run(int exit, String out, String err) {}

  private CliProcess() {}

  static String policy(String name) {
    return Path.of("target/test-classes").resolve("policies").resolve(name).toString();
  }

  static String vector(String name) {
    return Path.of("target/test-classes").resolve("vectors").resolve(name).toString();
  }

  /**
   * @param workDir where the command runs
   * @param scratch where its output is kept
   */
  static Run run(Path workDir, Path scratch, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", Path.of(System.getProperty("invokerguard.jar", "target/invokerguard.jar"))
        .toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs in the module's directory. */
  static Run run(Path scratch, String... args) throws IOException, InterruptedException {
    return run(Path.of("").toAbsolutePath(), scratch, Map.of(), args);
  }
}
