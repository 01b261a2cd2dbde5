package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NettyRequestTargetsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/.", "/..", "/a/.", "/a/..", "/a/./b", "/a/../b", "/./a", "/a/..;x=1/b", "/a/.;/b"})
  void hasDotSegmentWhenPathHasOneThenTrue(String path) {
    assertThat(NettyRequestTargets.hasDotSegment(path)).as(path).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/a", "/a/b/", "/.well-known/x", "/a/..b", "/a/b..", "/a/...", "/a.b/c", "/%2e%2e/a"})
  void hasDotSegmentWhenPathHasNoneThenFalse(String path) {
    assertThat(NettyRequestTargets.hasDotSegment(path)).as(path).isFalse();
  }
}
