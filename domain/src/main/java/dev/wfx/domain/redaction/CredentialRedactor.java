package dev.wfx.domain.redaction;

import java.util.Objects;

/**
 * Masks credentials that failure messages and causes carry by accident (spec §6.6): an HTTP
 * action's error quoting its headers, a URL with a key or a password, a payload holding a config.
 *
 * <p>Every {@link SecretShape} is looked for in every {@link Reading} of the text (as written and
 * percent-decoded); what they find is masked in the text as written, each run of masked characters
 * becoming one {@code [REDACTED]}. A text that is wholly base64 is masked whole when what it
 * decodes to carries a credential, as a payload's bytes do not split into parts worth keeping.
 * Each shape reads ahead only by a bounded amount or once per character, so a text takes time in
 * proportion to its length, whatever it holds.
 */
public final class CredentialRedactor {

  static final String MASK = "[REDACTED]";

  private CredentialRedactor() {}

  /** The text with every credential replaced by {@code [REDACTED]}; else the same instance. */
  public static String redact(String text) {
    Objects.requireNonNull(text, "text");
    if (Base64Text.decode(text).filter(CredentialRedactor::carriesCredential).isPresent()) {
      return MASK;
    }
    return masksIn(text).applyTo(text, MASK);
  }

  /**
   * One string of a JSON tree (a failure's cause): masked whole under a member whose name bears a
   * secret ({@code "password": "…"}), as the name is all that tells; else as {@link
   * #redact(String)}. Member names are never changed.
   *
   * @param member the name of the member holding {@code value}; null for an array element
   */
  public static String redact(String member, String value) {
    Objects.requireNonNull(value, "value");
    if (member != null && !value.isEmpty() && SecretNames.formOf(member).isPresent()) {
      return MASK;
    }
    return redact(value);
  }

  private static boolean carriesCredential(String text) {
    return !masksIn(text).isEmpty();
  }

  private static Masks masksIn(String text) {
    Masks masks = new Masks();
    for (Reading reading : Reading.of(text)) {
      for (SecretShape shape : SecretShape.values()) {
        shape.findIn(
            reading.text(), (start, end) -> masks.add(reading.origin(start), reading.origin(end)));
      }
    }
    return masks;
  }
}
