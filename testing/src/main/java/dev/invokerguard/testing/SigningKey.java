package dev.invokerguard.testing;

import java.security.KeyPair;

/**
 * One signing key of a token family: its key id, the key pair, and for the Firebase family the PEM
 * certificate that publishes the public key (null otherwise).
 */
record SigningKey(String kid, KeyPair keys, String certificatePem) {}
