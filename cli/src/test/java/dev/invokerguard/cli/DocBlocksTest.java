package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.cli.DocBlocks.Block;
import dev.invokerguard.cli.DocBlocks.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocBlocksTest {
  @TempDir Path repository;

  @Test
  void runnableWhenMarkedShOrBashThenOnlyThoseWithTheirLines() throws Exception {
    Files.writeString(repository.resolve("doc.md"), String.join("\n",
        "# Doc", "```sh", "not run", "```", "```sh runnable", "echo a", "```", "",
        "```bash runnable demo", "curl localhost:8080/", "```", "```java", "x runnable;", "```", ""));

    List<Block> blocks = DocBlocks.runnable(repository, Path.of("doc.md"));

    assertThat(blocks).extracting(Block::line, Block::demo, Block::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5, false, "echo a\n"),
            org.assertj.core.groups.Tuple.tuple(9, true, "curl localhost:8080/\n"));
    assertThat(blocks.get(0).commands()).extracting(Command::line).containsExactly(6);
  }

  @Test
  void runnableWhenMarkedInAnotherLanguageThenRefused() throws Exception {
    Files.writeString(repository.resolve("doc.md"), "```java runnable\nx();\n```\n");

    assertThatThrownBy(() -> DocBlocks.runnable(repository, Path.of("doc.md")))
        .hasMessage("doc.md:1: only sh or bash blocks can be runnable");
  }

  @Test
  void commandsWhenCommentsAndContinuationsThenExitAndExpectOfEach() {
    List<Command> commands = DocBlocks.commands(List.of(
        "# a first comment, forgotten after the blank line (exit 9)",
        "",
        "# bob is denied (exit 3); expect: DENY 403",
        "invokerguard explain \\",
        "    --path /x",
        "echo '# not a comment' # expect: # not",
        "# expect: ALLOW (exit 0)",
        "true"), 10);

    assertThat(commands).containsExactly(
        new Command(13, "invokerguard explain \\\n    --path /x", 3, Optional.of("DENY 403")),
        new Command(15, "echo '# not a comment' # expect: # not", 0, Optional.of("# not")),
        new Command(17, "true", 0, Optional.of("ALLOW")));
  }
}
