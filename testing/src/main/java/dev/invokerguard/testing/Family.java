package dev.invokerguard.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The token families of the issuer, each with its own keys and algorithm. Google and Firebase keys
 * are RSA-2048 with 40-hex-digit key ids; IAP keys are EC P-256 with six-character key ids.
 */
enum Family {
  GOOGLE("RS256"),
  FIREBASE("RS256"),
  IAP("ES256");

  private static final String KID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String FIREBASE_CERT_NAME = "securetoken.system.gserviceaccount.com";

  final String algorithm;

  Family(String algorithm) {
    this.algorithm = algorithm;
  }

  boolean isEc() {
    return this == IAP;
  }

  /** A new key pair with a fresh key id; Firebase keys come with a certificate valid at {@code clock}. */
  SigningKey generate(Clock clock, SecureRandom random) {
    KeyPair keys = isEc() ? ecKeyPair(random) : rsaKeyPair(random);
    String kid = isEc() ? shortKid(random) : hexKid(random);
    String pem = null;
    if (this == FIREBASE) {
      Instant now = clock.instant();
      pem =
          SelfSignedCertificate.pem(
              SelfSignedCertificate.der(
                  keys,
                  FIREBASE_CERT_NAME,
                  now.minus(Duration.ofHours(6)),
                  now.plus(Duration.ofDays(14)),
                  random));
    }
    return new SigningKey(kid, keys, pem);
  }

  private static KeyPair rsaKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key pair", e);
    }
  }

  private static KeyPair ecKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
    }
  }

  private static String hexKid(SecureRandom random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String shortKid(SecureRandom random) {
    StringBuilder kid = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      kid.append(KID_ALPHABET.charAt(random.nextInt(KID_ALPHABET.length())));
    }
    return kid.toString();
  }
}
