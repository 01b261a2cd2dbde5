package dev.invokerguard.samples.spring;

import dev.invokerguard.tck.sample.DemoModeSuite;

/** The demo mode contract ({@link DemoModeSuite}) against {@code sample-spring.jar}. */
class DemoModeIT extends DemoModeSuite {}
