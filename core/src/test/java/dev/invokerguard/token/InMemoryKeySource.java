package dev.invokerguard.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A key source over fixed keys, counting lookups; "unavailable" when built without keys. */
final class InMemoryKeySource implements KeySource {
  private final Map<String, PublicKey> keys;
  final AtomicInteger finds = new AtomicInteger();

  InMemoryKeySource(Map<String, PublicKey> keys) {
    this.keys = keys;
  }

  static InMemoryKeySource unavailable() {
    return new InMemoryKeySource(null);
  }

  /** Keys from a test resource in either Google format. */
  static InMemoryKeySource fromResource(String name, TokenFamily.KeySetFormat format) {
    try (InputStream in = InMemoryKeySource.class.getResourceAsStream("/vectors/" + name)) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, PublicKey> keys = new HashMap<>();
      if (format == TokenFamily.KeySetFormat.JWK_SET) {
        for (JWK jwk : JWKSet.parse(body).getKeys()) {
          keys.put(jwk.getKeyID(), jwk.toRSAKey().toRSAPublicKey());
        }
      } else {
        JSONObjectUtils.parse(body).forEach((kid, pem) ->
            keys.put(kid, X509CertUtils.parse((String) pem).getPublicKey()));
      }
      return new InMemoryKeySource(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A factory that hands this source to every family. */
  GoogleIdTokenVerifier.KeySourceFactory factory() {
    return (family, settings, clock, executor) -> this;
  }

  @Override
  public KeyLookup find(String kid) {
    finds.incrementAndGet();
    if (keys == null) {
      return KeyLookup.unavailable("no keys");
    }
    PublicKey key = keys.get(kid);
    return key == null ? KeyLookup.unknownKid(kid) : KeyLookup.found(key, null);
  }

  @Override
  public boolean prefetch() {
    return keys != null;
  }

  @Override
  public KeySetStats stats() {
    return new KeySetStats(null, 0, 0, 0, keys == null ? 0 : keys.size(), null, null, null, null);
  }

  @Override
  public void close() {}
}
