package dev.wfx.domain.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a string decodes to when it is base64 from end to end, as Temporal writes payload bytes
 * ({@code details.payloads[].data}) and HTTP writes Basic credentials.
 */
final class Base64Text {

  /** The shortest encoding of a credential worth a look: {@code sig=x} is eight characters. */
  private static final int SHORTEST = 8;

  private Base64Text() {}

  /**
   * The decoded bytes as UTF-8 text (bytes that are not UTF-8 read as replacement characters, so a
   * binary payload is still searched for the ASCII it holds); empty when {@code text} is not base64
   * in the standard or the URL alphabet, padded or not.
   */
  static Optional<String> decode(String text) {
    int padding = padding(text);
    int length = text.length() - padding;
    if (length < SHORTEST || length % 4 == 1 || padding > 0 && text.length() % 4 != 0) {
      return Optional.empty();
    }
    boolean standard = true;
    boolean urlSafe = true;
    for (int index = 0; index < length; index++) {
      char c = text.charAt(index);
      if (!isAlphanumeric(c)) {
        standard &= c == '+' || c == '/';
        urlSafe &= c == '-' || c == '_';
      }
    }
    if (!standard && !urlSafe) {
      return Optional.empty();
    }
    Base64.Decoder decoder = standard ? Base64.getDecoder() : Base64.getUrlDecoder();
    return Optional.of(new String(decoder.decode(text), StandardCharsets.UTF_8));
  }

  private static int padding(String text) {
    int padding = 0;
    while (padding < 2
        && padding < text.length()
        && text.charAt(text.length() - 1 - padding) == '=') {
      padding++;
    }
    return padding;
  }

  private static boolean isAlphanumeric(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }
}
