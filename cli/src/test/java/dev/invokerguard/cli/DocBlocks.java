package dev.invokerguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell blocks of the documentation that say they run: fenced blocks whose info string is
 * {@code sh runnable} or {@code bash runnable} ({@code ... runnable demo}: the block needs the servlet sample's
 * demo listening on {@code localhost:8080}). Each block is split into commands (a line with its {@code \}
 * continuations); the comment lines just above a command and a comment at the end of its last line may say
 * {@code (exit N)} (the exit status it must have, 0 otherwise) and {@code expect: TEXT} (text its output
 * must contain).
 */
final class DocBlocks {
  /** The documents whose runnable blocks are run, relative to the repository root. */
  static List<Path> documents(Path repository) throws IOException {
    List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("examples", "README.md")));
    try (Stream<Path> docs = Files.list(repository.resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
          .forEach(p -> documents.add(repository.relativize(p)));
    }
    return documents;
  }

  record Block(Path file, int line, boolean demo, String text, List<Command> commands) {
    @Override
    public String toString() {
      return file + ":" + line + (demo ? " (demo)" : "");
    }
  }

  record Command(int line, String text, int exit, Optional<String> expect) {}

  private static final Pattern FENCE = Pattern.compile("^```(.*)$");
  private static final Pattern EXIT = Pattern.compile("\\(exit (\\d+)\\)");
  private static final Pattern EXPECT = Pattern.compile("expect:\\s*(.*)$");

  private DocBlocks() {}

  /** Every runnable block of {@code file}; throws for a block marked runnable in another language. */
  static List<Block> runnable(Path repository, Path file) throws IOException {
    List<String> lines = Files.readAllLines(repository.resolve(file), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        continue;
      }
      List<String> info = Arrays.stream(fence.group(1).strip().split("\\s+")).toList();
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (info.contains("runnable")) {
        if (!info.get(0).equals("sh") && !info.get(0).equals("bash")) {
          throw new IllegalStateException(file + ":" + (i + 1) + ": only sh or bash blocks can be runnable");
        }
        List<String> body = lines.subList(start, end);
        blocks.add(new Block(file, i + 1, info.contains("demo"), String.join("\n", body) + "\n",
            commands(body, start + 1)));
      }
      i = end;
    }
    return blocks;
  }

  /** Splits a block into commands; {@code firstLine} is the document's line number of the block's first line. */
  static List<Command> commands(List<String> body, int firstLine) {
    List<Command> commands = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i);
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        comments.clear();
        continue;
      }
      if (stripped.startsWith("#")) {
        comments.add(stripped);
        continue;
      }
      int first = i;
      StringBuilder text = new StringBuilder(line);
      while (body.get(i).endsWith("\\") && i + 1 < body.size()) {
        i++;
        text.append('\n').append(body.get(i));
      }
      trailingComment(body.get(i)).ifPresent(comments::add);
      String said = String.join("\n", comments);
      Matcher exit = EXIT.matcher(said);
      int status = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
      Optional<String> expect = Optional.empty();
      for (String comment : comments) {
        Matcher m = EXPECT.matcher(comment);
        if (m.find()) {
          String wanted = EXIT.matcher(m.group(1)).replaceAll("").strip();
          expect = wanted.isEmpty() ? Optional.empty() : Optional.of(wanted);
        }
      }
      commands.add(new Command(firstLine + first, text.toString(), status, expect));
      comments.clear();
    }
    return commands;
  }

  /** The comment at the end of a shell line ({@code  # ...} outside quotes), if any. */
  static Optional<String> trailingComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
        return Optional.of(line.substring(i));
      }
    }
    return Optional.empty();
  }
}
