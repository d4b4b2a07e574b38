package dev.wfx.domain.redaction;

import java.util.Arrays;

/**
 * The runs of a text to mask, found by several shapes in several readings, so in any order and
 * possibly overlapping; written out merged, one mask for each run of masked characters.
 */
final class Masks {

  /** Each run packed as {@code start << 32 | end}, so that sorting orders them by start. */
  private long[] runs = new long[4];

  private int count;

  void add(int start, int end) {
    if (start >= end) {
      return;
    }
    if (count == runs.length) {
      runs = Arrays.copyOf(runs, count * 2);
    }
    runs[count++] = ((long) start << 32) | end;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The text with each merged run replaced by {@code mask}; the same instance when none. */
  String applyTo(String text, String mask) {
    if (count == 0) {
      return text;
    }
    long[] sorted = Arrays.copyOf(runs, count);
    Arrays.sort(sorted);
    StringBuilder masked = new StringBuilder(text.length());
    int written = 0;
    int next = 0;
    while (next < count) {
      int start = start(sorted[next]);
      int end = end(sorted[next]);
      next++;
      // Runs that overlap or touch become one mask: two masks side by side would say nothing more.
      while (next < count && start(sorted[next]) <= end) {
        end = Math.max(end, end(sorted[next]));
        next++;
      }
      masked.append(text, written, start).append(mask);
      written = end;
    }
    return masked.append(text, written, text.length()).toString();
  }

  private static int start(long run) {
    return (int) (run >>> 32);
  }

  private static int end(long run) {
    return (int) run;
  }
}
