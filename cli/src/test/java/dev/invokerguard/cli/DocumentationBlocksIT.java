package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invokerguard.cli.DocBlockRunner.Result;
import dev.invokerguard.cli.DocBlocks.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code sh runnable} block of README.md, {@code docs/*.md} and {@code examples/README.md} from
 * the repository root against the built jars, and checks each command's exit status and the output its
 * comments promise (see {@link DocBlocks}): a renamed flag, file or jar breaks the build, not a reader.
 */
class DocumentationBlocksIT {
  private static final Path REPOSITORY = CliProcess.REPOSITORY;
  private static final String ALIAS_PREFIX = "alias invokerguard=";

  @TempDir static Path scratch;
  private static DemoService demo;

  private static List<Block> allBlocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (Path document : DocBlocks.documents(REPOSITORY)) {
      blocks.addAll(DocBlocks.runnable(REPOSITORY, document));
    }
    return blocks;
  }

  /** The line docs/cli.md defines the command with; blocks run with it. */
  private static String alias() throws IOException {
    return Files.readAllLines(REPOSITORY.resolve("docs/cli.md")).stream().filter(l -> l.startsWith(ALIAS_PREFIX))
        .findFirst().orElseThrow(() -> new AssertionError("docs/cli.md defines no " + ALIAS_PREFIX + "..."));
  }

  private static DocBlockRunner runner() throws IOException {
    return new DocBlockRunner(REPOSITORY, scratch, alias());
  }

  private static int demoPort() throws IOException, InterruptedException {
    assumeTrue(Files.isRegularFile(REPOSITORY.resolve(DemoService.JAR)), "this block talks to the servlet sample's"
        + " demo: build it first (mvn -B -pl samples/servlet -am package; mvn -B verify builds it before cli)");
    if (demo == null) {
      demo = DemoService.start(REPOSITORY, scratch);
    }
    return demo.port();
  }

  @AfterAll
  static void stopDemo() throws InterruptedException {
    if (demo != null) {
      demo.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> runnableBlockWhenRunThenEveryCommandAsDocumented() throws IOException {
    DocBlockRunner runner = runner();
    return allBlocks().stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
      Result result = runner.run(block, block.demo() ? demoPort() : -1);

      assertThat(result.problems()).as("%s\n%s", block, result.stderr()).isEmpty();
    }));
  }

  @Test
  void markedBlocksWhenCountedThenEachRunnableDocumentHasSome() throws IOException {
    List<Block> blocks = allBlocks();

    assertThat(blocks).extracting(b -> b.file().toString())
        .contains("README.md", "docs/cli.md", Path.of("examples", "README.md").toString());
    assertThat(blocks).anyMatch(Block::demo).allMatch(b -> !b.commands().isEmpty());
    assertThat(blocks.stream().mapToInt(b -> b.commands().size()).sum()).isGreaterThan(10);
  }

  @Test
  void aliasWhenDocsDefineItThenItNamesTheBuiltJar() throws IOException {
    String alias = alias();

    assertThat(alias).isEqualTo(ALIAS_PREFIX + "'java -jar cli/target/invokerguard.jar'");
    assertThat(REPOSITORY.resolve("cli/target/invokerguard.jar").toAbsolutePath())
        .isEqualTo(Path.of(System.getProperty("invokerguard.jar")).toAbsolutePath());
    assertThat(Files.readString(REPOSITORY.resolve("README.md"))).contains(alias);
  }

  private static Result runText(String text) throws IOException, InterruptedException {
    Block block = new Block(Path.of("test.md"), 1, false, text,
        DocBlocks.commands(List.of(text.split("\n")), 2));
    return runner().run(block, -1);
  }

  @Test
  void blockWhenFileMissingThenFails() throws Exception {
    Result result = runText("invokerguard lint examples/no-such-policy.json\n");

    assertThat(result.problems()).singleElement().asString().startsWith("test.md:2: exit 1, the docs say 0")
        .contains("examples/no-such-policy.json");
  }

  @Test
  void blockWhenFlagUnknownThenFails() throws Exception {
    Result result = runText("invokerguard explain --policy examples/policy.json --member user:alice@example.com \\\n"
        + "    --path / --no-such-flag\n");

    assertThat(result.problems()).singleElement().asString().startsWith("test.md:2: exit 1, the docs say 0")
        .contains("--no-such-flag");
  }

  @Test
  void blockWhenDenyNotAnnouncedThenFailsAndWhenAnnouncedThenPasses() throws Exception {
    String deny = "invokerguard explain --policy examples/policy.json --member user:nobody@example.com --path /\n";

    assertThat(runText(deny).problems()).singleElement().asString().startsWith("test.md:2: exit 3, the docs say 0");
    assertThat(runText("# nobody is granted (exit 3); expect: DENY 403\n" + deny).problems()).isEmpty();
  }

  @Test
  void blockWhenExpectedTextMissingThenFails() throws Exception {
    Result result = runText("invokerguard lint examples/policy.json   # expect: 7 error(s)\n");

    assertThat(result.problems()).singleElement().asString().contains("output lacks \"7 error(s)\"");
  }

  @Test
  void blockWhenVariableSetByOneCommandThenNextSeesIt() throws Exception {
    Result result = runText("POLICY=examples/policy.json\ninvokerguard lint \"$POLICY\"   # expect: 0 error(s)\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.outcomes()).hasSize(2);
  }
}
