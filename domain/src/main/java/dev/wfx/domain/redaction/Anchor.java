package dev.wfx.domain.redaction;

import java.util.function.IntPredicate;

/**
 * Where a shape's pattern is worth trying: the next place it could match, found with a plain
 * search. Trying a pattern at every character of a long stack trace costs several times more than
 * the rest of redaction, and most characters can start no credential.
 *
 * <p>An anchor may propose places where the pattern then fails, never miss one where it matches,
 * and never propose a place before {@code from}.
 */
@FunctionalInterface
interface Anchor {

  /** The next place at or after {@code from} where the pattern could match; -1 when none. */
  int next(String text, int from);

  /** Wherever {@code literal} stands. */
  static Anchor literal(String literal) {
    return (text, from) -> text.indexOf(literal, from);
  }

  /** Wherever {@code word} (lower case) stands, in any ASCII case. */
  static Anchor word(String word) {
    return (text, from) -> {
      char first = word.charAt(0);
      for (int index = from; index <= text.length() - word.length(); index++) {
        if ((text.charAt(index) | 0x20) == first
            && text.regionMatches(true, index, word, 0, word.length())) {
          return index;
        }
      }
      return -1;
    };
  }

  /**
   * At the start of the name before each {@code =} or {@code :}, looking back past spaces and a
   * closing quote ({@code "password": …}). A name that started before {@code from} is skipped: the
   * search has already gone past its start.
   */
  static int nameBeforeSeparator(String text, int from) {
    for (int index = from; index < text.length(); index++) {
      char c = text.charAt(index);
      if (c == '=' || c == ':') {
        int nameEnd = beforeSpacesAndQuote(text, index);
        int start = runStart(text, nameEnd, SecretShape::isNameChar);
        if (start >= from && start < nameEnd) {
          return start;
        }
      }
    }
    return -1;
  }

  /** At the start of the scheme before each {@code ://}. */
  static int schemeBeforeSlashes(String text, int from) {
    for (int slashes = text.indexOf("://", from);
        slashes >= 0;
        slashes = text.indexOf("://", slashes + 1)) {
      int start = runStart(text, slashes, SecretShape::isSchemeChar);
      if (start >= from && start < slashes) {
        return start;
      }
    }
    return -1;
  }

  private static int beforeSpacesAndQuote(String text, int separator) {
    int index = separator;
    while (index > 0
        && separator - index < SecretShape.MOST_SPACES
        && SecretShape.isHorizontalSpace(text.charAt(index - 1))) {
      index--;
    }
    if (index > 0 && (text.charAt(index - 1) == '"' || text.charAt(index - 1) == '\'')) {
      index--;
      if (index > 0 && text.charAt(index - 1) == '\\') {
        index--;
      }
    }
    return index;
  }

  /**
   * Where the run of {@code member} characters that ends at {@code end} starts, looking back at
   * most one character further than any pattern's name or scheme reaches (so a longer run starts
   * inside itself, and the pattern's look-behind turns it down).
   */
  private static int runStart(String text, int end, IntPredicate member) {
    int index = end;
    while (index > 0
        && end - index <= SecretShape.LONGEST_NAME
        && member.test(text.charAt(index - 1))) {
      index--;
    }
    return index;
  }
}
