package dev.wfx.domain.history;

import java.util.Objects;

/**
 * Value object: a digest of an event exactly as it was recorded, computed at the edge.
 *
 * <p>Two events with the same id are the same event when their fingerprints are equal; that is
 * what makes a re-sent batch an idempotent duplicate rather than a conflict (spec §7).
 */
public record Fingerprint(String value) {

  public Fingerprint {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 128) {
      throw new IllegalArgumentException("fingerprint must have 1 to 128 characters");
    }
  }

  public static Fingerprint of(String value) {
    return new Fingerprint(value);
  }
}
