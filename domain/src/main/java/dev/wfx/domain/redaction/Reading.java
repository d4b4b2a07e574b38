package dev.wfx.domain.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One way to read a text: as written, or percent-decoded ({@code %3D} is {@code =}, {@code +} a
 * space), once and again for a URL carried in another URL's query. Every character knows where it
 * was written, so that what is found in a decoded reading is masked in the text as written.
 */
final class Reading {

  /** Twice covers a URL inside a URL ({@code %253D}); deeper nesting is not seen in practice. */
  private static final int DECODINGS = 2;

  /**
   * A byte outside ASCII reads as this one character: no name, scheme or delimiter is spelled with
   * such bytes, and a value holding them must not end at one that happens to decode to a space.
   */
  private static final char OPAQUE = '\uFFFD';

  private final String text;

  /** Where each character was written, plus the written length at the end; null when as written. */
  private final int[] origins;

  private Reading(String text, int[] origins) {
    this.text = text;
    this.origins = origins;
  }

  /** The text as written, then each decoding that changes it. */
  static List<Reading> of(String written) {
    List<Reading> readings = new ArrayList<>(DECODINGS + 1);
    Reading reading = new Reading(written, null);
    readings.add(reading);
    for (int decoding = 0; decoding < DECODINGS && reading.canDecode(); decoding++) {
      reading = reading.percentDecoded();
      readings.add(reading);
    }
    return readings;
  }

  String text() {
    return text;
  }

  /** Where the character at {@code index} (or the end, at the length) was written. */
  int origin(int index) {
    return origins == null ? index : origins[index];
  }

  private boolean canDecode() {
    return text.indexOf('+') >= 0 || hasEscape();
  }

  private boolean hasEscape() {
    for (int percent = text.indexOf('%'); percent >= 0; percent = text.indexOf('%', percent + 1)) {
      if (escapedByte(percent) >= 0) {
        return true;
      }
    }
    return false;
  }

  private Reading percentDecoded() {
    StringBuilder decoded = new StringBuilder(text.length());
    int[] decodedOrigins = new int[text.length() + 1];
    int index = 0;
    while (index < text.length()) {
      decodedOrigins[decoded.length()] = origin(index);
      char c = text.charAt(index);
      int escaped = c == '%' ? escapedByte(index) : -1;
      if (escaped >= 0) {
        decoded.append(escaped < 0x80 ? (char) escaped : OPAQUE);
        index += 3;
      } else {
        decoded.append(c == '+' ? ' ' : c);
        index++;
      }
    }
    decodedOrigins[decoded.length()] = origin(text.length());
    return new Reading(decoded.toString(), Arrays.copyOf(decodedOrigins, decoded.length() + 1));
  }

  /** The byte that {@code %XX} at {@code percent} stands for; -1 when it is no escape. */
  private int escapedByte(int percent) {
    if (percent + 2 >= text.length()) {
      return -1;
    }
    int high = hexDigit(text.charAt(percent + 1));
    int low = hexDigit(text.charAt(percent + 2));
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }

  /** ASCII only: {@link Character#digit(char, int)} would also read other scripts' digits. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }
}
