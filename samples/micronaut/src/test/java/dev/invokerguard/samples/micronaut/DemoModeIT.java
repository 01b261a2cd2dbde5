package dev.invokerguard.samples.micronaut;

import dev.invokerguard.tck.sample.DemoModeSuite;

/** The demo mode contract ({@link DemoModeSuite}) against {@code sample-micronaut.jar}. */
class DemoModeIT extends DemoModeSuite {}
