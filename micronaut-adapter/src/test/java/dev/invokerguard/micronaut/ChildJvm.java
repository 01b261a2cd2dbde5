package dev.invokerguard.micronaut;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs {@link ChildApplication} in a JVM of its own, with exactly the given environment variables and the
 * test class path less the entries a test leaves out (to run without an optional library).
 */
final class ChildJvm {
  private static final long LIMIT_SECONDS = 120;

  private ChildJvm() {}

  /** The child's exit status and everything it printed. */
  record Result(int exitStatus, String output) {
    /** The value of a {@code name=value} line, or {@code null}. */
    String value(String name) {
      return output.lines().filter(line -> line.startsWith(name + "=")).map(line -> line.substring(name.length() + 1))
          .findFirst().orElse(null);
    }

    @Override
    public String toString() {
      return "exit " + exitStatus + ":\n" + output;
    }
  }

  static Result run(Map<String, String> env, Predicate<String> leaveOut, String... args)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, ChildApplication.class.getName()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("CLASSPATH", classPath(leaveOut));
    File output = File.createTempFile("invokerguard-child", ".log");
    try {
      Process process = builder.redirectOutput(output).start();
      if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("the child application did not exit within " + LIMIT_SECONDS + " s:\n"
            + Files.readString(output.toPath(), StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    } finally {
      output.delete();
    }
  }

  /** The test class path (Surefire's, not its booter jar's) less the entries {@code leaveOut} matches. */
  static String classPath(Predicate<String> leaveOut) {
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(full.split(File.pathSeparator)).filter(leaveOut.negate())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
