package dev.wfx.domain.access;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Value object: the SHA-256 digest of an API key's secret, in lower-case hex. Only digests are
 * stored; keys are long random strings, so a fast hash is enough and allows an indexed lookup.
 */
public record KeyDigest(String hex) {

  private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

  public KeyDigest {
    Objects.requireNonNull(hex, "hex");
    if (!FORM.matcher(hex).matches()) {
      throw new IllegalArgumentException("a key digest is 64 lower-case hex digits");
    }
  }

  @Override
  public String toString() {
    return "KeyDigest[" + hex.substring(0, 8) + "…]";
  }
}
