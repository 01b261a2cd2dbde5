package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md, CONTRIBUTING.md, {@code docs/*.md} and {@code examples/README.md} names a
 * file that exists, and every {@code #anchor} a heading of its target (GitHub's heading ids).
 */
class DocumentationLinksTest {
  private static final Path REPOSITORY = CliProcess.REPOSITORY;
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

  @TempDir Path scratch;

  static List<String> problems(Path repository, Path file) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(repository.resolve(file), StandardCharsets.UTF_8);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher link = LINK.matcher(line.replaceAll("`[^`]*`(?!\\])", "``"));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? repository.resolve(file)
            : repository.resolve(file).getParent().resolve(path).normalize();
        String where = file + ":" + (i + 1) + ": " + target;
        if (!Files.exists(resolved)) {
          problems.add(where + ": no such file");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          problems.add(where + ": no such heading");
        }
      }
    }
    return problems;
  }

  /** The ids GitHub gives the headings of a Markdown file, and its explicit {@code <a id>} anchors. */
  static Set<String> anchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      Matcher id = HTML_ID.matcher(line);
      while (id.find()) {
        anchors.add(id.group(1));
      }
      Matcher heading = HEADING.matcher(line);
      if (!inFence && heading.matches()) {
        String slug = slug(heading.group(1));
        int n = seen.merge(slug, 1, Integer::sum);
        anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
      }
    }
    return anchors;
  }

  /** GitHub's heading id: lower case, punctuation dropped (but {@code -} and {@code _}), spaces to {@code -}. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
  }

  @Test
  void linksWhenDocsReadThenEveryFileAndAnchorExists() throws IOException {
    assumeTrue(Files.isRegularFile(REPOSITORY.resolve("README.md")), "reads the source tree (run from cli/)");
    List<Path> documents = new ArrayList<>(DocBlocks.documents(REPOSITORY));
    documents.add(Path.of("CONTRIBUTING.md"));
    List<String> problems = new ArrayList<>();
    for (Path document : documents) {
      problems.addAll(problems(REPOSITORY, document));
    }

    assertThat(documents).hasSizeGreaterThan(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void linksWhenFileOrAnchorMissingThenEachNamed() throws IOException {
    Files.createDirectories(scratch.resolve("docs"));
    Files.writeString(scratch.resolve("docs/other.md"), "# Other\n\n## The `x` command (`a/b`)\n");
    Files.writeString(scratch.resolve("README.md"), String.join("\n",
        "# Title", "", "## Settings", "",
        "[ok](#settings), [ok](docs/other.md#the-x-command-ab), [ok](docs/other.md), [web](https://example.com/#x)",
        "[gone](docs/gone.md) and [bad anchor](docs/other.md#nothing) and [self](#nowhere)",
        "```", "[in a fence](nowhere.md)", "```", ""));

    assertThat(problems(scratch, Path.of("README.md"))).containsExactly(
        "README.md:6: docs/gone.md: no such file",
        "README.md:6: docs/other.md#nothing: no such heading",
        "README.md:6: #nowhere: no such heading");
  }

  @Test
  void slugWhenHeadingHasCodeAndPunctuationThenGithubId() {
    assertThat(slug("Servlet filter (`invokerguard-servlet`)")).isEqualTo("servlet-filter-invokerguard-servlet");
    assertThat(slug("The servlet sample (`samples/servlet`)")).isEqualTo("the-servlet-sample-samplesservlet");
    assertThat(slug("Speed (JMH)")).isEqualTo("speed-jmh");
  }
}
