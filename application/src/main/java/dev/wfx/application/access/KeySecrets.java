package dev.wfx.application.access;

import dev.wfx.domain.access.KeyDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making API key secrets and their digests. */
final class KeySecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET_PREFIX = "wfx_";

  private KeySecrets() {}

  static KeyDigest digest(String secret) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return new KeyDigest(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares digests in time independent of where they differ. */
  static boolean sameDigest(KeyDigest a, KeyDigest b) {
    return MessageDigest.isEqual(
        a.hex().getBytes(StandardCharsets.US_ASCII), b.hex().getBytes(StandardCharsets.US_ASCII));
  }

  /** 256 random bits, URL-safe, recognisable as a wfx key. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short public id: 16 lower-case hex digits. */
  static String newKeyId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
