package dev.wfx.adapter.rest.temporal;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Feeds written text to a digest as the UTF-8 bytes {@code String.getBytes(UTF_8)} gives for the
 * whole text, a lone surrogate as {@code '?'} included, without holding the whole text.
 */
final class DigestWriter extends Writer {

  private final MessageDigest digest;
  // A high surrogate that ended one write waits for the low surrogate that may start the next.
  private char pendingHigh;

  DigestWriter(MessageDigest digest) {
    this.digest = digest;
  }

  @Override
  public void write(char[] buffer, int offset, int length) {
    digest(new String(buffer, offset, length));
  }

  @Override
  public void write(String text, int offset, int length) {
    digest(text.substring(offset, offset + length));
  }

  private void digest(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (pendingHigh != 0) {
      text = pendingHigh + text;
      pendingHigh = 0;
    }
    char last = text.charAt(text.length() - 1);
    if (Character.isHighSurrogate(last)) {
      pendingHigh = last;
      text = text.substring(0, text.length() - 1);
    }
    digest.update(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void flush() {}

  /** A high surrogate that nothing followed is encoded alone, as {@code '?'}. */
  @Override
  public void close() {
    if (pendingHigh != 0) {
      digest.update(String.valueOf(pendingHigh).getBytes(StandardCharsets.UTF_8));
      pendingHigh = 0;
    }
  }
}
