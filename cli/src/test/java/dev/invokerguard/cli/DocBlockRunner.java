package dev.invokerguard.cli;

import dev.invokerguard.cli.DocBlocks.Block;
import dev.invokerguard.cli.DocBlocks.Command;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a documentation block with bash from the repository root, one process per block (so that a variable
 * set by one command is seen by the next), with the docs' {@code invokerguard} alias defined and the test
 * JVM's {@code java} first on the {@code PATH}; then compares each command's exit status and output with
 * what the docs say.
 */
final class DocBlockRunner {
  /** What one command did; {@code exit} is null when the block ended before it ran. */
  record Outcome(Command command, Integer exit, String output) {
    List<String> problems(Block block) {
      String where = block.file() + ":" + command.line();
      if (exit == null) {
        return List.of(where + ": never ran (the block stopped or timed out before it)");
      }
      List<String> problems = new ArrayList<>();
      if (exit != command.exit()) {
        problems.add(where + ": exit " + exit + ", the docs say " + command.exit() + "\n" + output);
      }
      command.expect().filter(text -> !output.contains(text))
          .ifPresent(text -> problems.add(where + ": output lacks \"" + text + "\"\n" + output));
      return problems;
    }
  }

  record Result(Block block, List<Outcome> outcomes, String stderr) {
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      outcomes.forEach(o -> problems.addAll(o.problems(block)));
      return problems;
    }
  }

  private static final long BLOCK_TIMEOUT_SECONDS = 120;

  private final Path repository;
  private final Path scratch;
  private final String alias;

  /**
   * @param alias the line that defines {@code invokerguard}, as the docs write it
   */
  DocBlockRunner(Path repository, Path scratch, String alias) {
    this.repository = repository;
    this.scratch = scratch;
    this.alias = alias;
  }

  /** Runs {@code block}; a demo block's {@code localhost:8080} becomes {@code localhost:demoPort}. */
  Result run(Block block, int demoPort) throws IOException, InterruptedException {
    Path results = Files.createTempDirectory(scratch, "block");
    StringBuilder script = new StringBuilder("shopt -s expand_aliases\n").append(alias).append('\n');
    List<Command> commands = block.commands();
    for (int i = 0; i < commands.size(); i++) {
      String text = commands.get(i).text();
      if (block.demo()) {
        text = text.replace("localhost:8080", "localhost:" + demoPort);
      }
      script.append("{ ").append(text).append("\n} >'").append(results.resolve(i + ".out")).append("' 2>&1; echo $? >'")
          .append(results.resolve(i + ".rc")).append("'\n");
    }
    Path file = results.resolve("block.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(repository.toFile());
    environment(builder.environment());
    Path stderr = results.resolve("stderr.txt");
    builder.redirectOutput(results.resolve("stdout.txt").toFile()).redirectError(stderr.toFile());
    Process process = builder.start();
    if (!process.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Path rc = results.resolve(i + ".rc");
      Path out = results.resolve(i + ".out");
      outcomes.add(new Outcome(commands.get(i),
          Files.exists(rc) ? Integer.valueOf(Files.readString(rc).strip()) : null,
          Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : ""));
    }
    return new Result(block, outcomes, Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /**
   * The test JVM's {@code java} first, with start-up options for short runs ({@code JDK_JAVA_OPTIONS}, which
   * the launcher notes on stderr); no InvokerGuard setting of the machine leaks into a block.
   */
  static void environment(Map<String, String> env) {
    env.keySet().removeIf(name -> name.startsWith("INVOKERGUARD_") || name.equals("K_SERVICE"));
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
    // short-lived JVMs: the C1 compiler only and the serial collector start about a third cheaper
    env.put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  }
}
