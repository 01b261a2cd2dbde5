package dev.invokerguard.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.DemoModeSuite;

/** The demo mode contract ({@link DemoModeSuite}) against {@code sample-servlet.jar}. */
class DemoModeIT extends DemoModeSuite {

  /** The servlet sample also names the port and suggests another. */
  @Override
  protected void assertPortTakenExplained(String output, int port) {
    super.assertPortTakenExplained(output, port);
    assertThat(output).contains("cannot start: port " + port + " is already in use")
        .containsPattern("PORT=\\d+ java -jar \\S*sample-servlet.jar");
  }
}
