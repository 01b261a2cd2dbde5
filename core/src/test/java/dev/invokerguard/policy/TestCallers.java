package dev.invokerguard.policy;

import dev.invokerguard.identity.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Callers and request attributes for evaluator tests. */
final class TestCallers {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private TestCallers() {}

  /** An authenticated caller matching the given members (the first is its principal). */
  static Caller caller(String... members) {
    List<String> all = new ArrayList<>(List.of(members));
    all.add("allAuthenticatedUsers");
    all.add("allUsers");
    return new Caller(members[0], all, false, false, false);
  }

  static RequestAttributes at(String host, String path) {
    return new RequestAttributes(host, path, NOW);
  }

  static RequestAttributes at(String path) {
    return at("svc.example.com", path);
  }
}
