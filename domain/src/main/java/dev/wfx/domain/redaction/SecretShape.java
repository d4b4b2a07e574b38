package dev.wfx.domain.redaction;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes a credential is written in. Each is a pattern that recognises where a credential
 * starts, an {@link Anchor} that proposes where the pattern is worth trying, and a rule for how
 * much of what follows to mask. The patterns only recognise starts — their repetitions are
 * possessive or bounded, so they never backtrack far — and how far a value reaches is read forward
 * by {@link SecretValues}; each search goes on after what it masked.
 */
enum SecretShape {

  /**
   * {@code name=value}, {@code name: value}, {@code "name": "value"} or {@code name => value}, the
   * name or the value possibly quoted or in escaped quotes ({@code \"name\"}), for a name that
   * bears a secret ({@link SecretNames}). A colon before {@code //} starts a URL, not a value.
   */
  NAMED_VALUE(
      Anchor::nameBeforeSeparator,
      "(?<![A-Za-z0-9_.\\-])([A-Za-z_][A-Za-z0-9_.\\-]{0,127}+)(?:\\\\?[\"'])?"
          + "\\h{0,64}+(?:=>|=|:(?!//))\\h*+") {
    @Override
    int mask(Matcher match, String text, Sink sink) {
      Optional<ValueForm> form = SecretNames.formOf(match.group(1));
      if (form.isEmpty()) {
        return match.end();
      }
      SecretValues.Value value = form.get().read(text, match.end());
      sink.mask(value.start(), value.end());
      return value.next();
    }
  },

  /**
   * {@code Bearer <token>} anywhere, in any case, after spaces (a non-breaking one too) or a colon:
   * the word says what follows. Prose about bearer tokens ("Bearer token missing") is left alone.
   */
  BEARER_TOKEN(Anchor.word("bearer"), "(?i)(?<![A-Za-z0-9_\\-])bearer(?:\\h*+[:=]\\h*+|\\h++)") {
    @Override
    int mask(Matcher match, String text, Sink sink) {
      SecretValues.Value token = SecretValues.at(text, match.end());
      if (isProse(text, token.start(), token.end())) {
        return match.end();
      }
      sink.mask(token.start(), token.end());
      return token.next();
    }
  },

  /**
   * {@code Basic <base64 of user:password>} anywhere. "Basic" is an everyday word, so only a word
   * after it that decodes to text holding a colon counts ("basic validation failed" does not).
   */
  BASIC_CREDENTIALS(
      Anchor.word("basic"),
      "(?i)(?<![A-Za-z0-9_\\-])basic\\h++([A-Za-z0-9+/]{4,}+={0,2}+)(?![A-Za-z0-9+/=])") {
    @Override
    int mask(Matcher match, String text, Sink sink) {
      boolean userAndPassword =
          Base64Text.decode(match.group(1))
              .filter(decoded -> decoded.indexOf(':') > 0 && isPrintable(decoded))
              .isPresent();
      if (userAndPassword) {
        sink.mask(match.start(1), match.end(1));
      }
      return match.end();
    }
  },

  /**
   * A URL's {@code user:password@}: the password runs from the first colon of the authority to its
   * last {@code @}, so it may hold {@code @} and {@code :}, and the user may be empty ({@code
   * redis://:secret@host}). The authority ends at {@code / ? #}, a quote, an angle bracket or a
   * space; a URL without a password is left alone.
   */
  URL_PASSWORD(
      Anchor::schemeBeforeSlashes, "(?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]{0,31}+://") {
    @Override
    int mask(Matcher match, String text, Sink sink) {
      int firstColon = -1;
      int lastAt = -1;
      int index = match.end();
      for (; index < text.length() && !endsAuthority(text.charAt(index)); index++) {
        if (text.charAt(index) == ':' && firstColon < 0) {
          firstColon = index;
        } else if (text.charAt(index) == '@') {
          lastAt = index;
        }
      }
      if (firstColon >= 0 && firstColon < lastAt) {
        sink.mask(firstColon + 1, lastAt);
      }
      return index;
    }
  },

  /** A JSON Web Token announces itself ({@code eyJ...}, three dotted parts): masked whole. */
  JSON_WEB_TOKEN(
      Anchor.literal("eyJ"),
      "(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{8,}+\\.eyJ[A-Za-z0-9_\\-]{2,}+\\.[A-Za-z0-9_\\-]*+") {
    @Override
    int mask(Matcher match, String text, Sink sink) {
      sink.mask(match.start(), match.end());
      return match.end();
    }
  };

  /** Where a shape reports what to mask, in the reading it searches. */
  @FunctionalInterface
  interface Sink {
    void mask(int start, int end);
  }

  /** Words that follow "bearer" in sentences about bearer tokens rather than before one. */
  private static final Set<String> PROSE =
      Set.of(
          "token", "tokens", "auth", "authentication", "authorization", "scheme", "header",
          "credential", "credentials");

  private static final int LONGEST_PROSE = "authentication".length();

  /** The longest name {@link #NAMED_VALUE} reads, as its pattern spells it ({@code {0,127}}). */
  static final int LONGEST_NAME = 128;

  /** The most spaces {@link #NAMED_VALUE} allows between a name and its separator. */
  static final int MOST_SPACES = 64;

  private final Anchor anchor;
  private final Pattern pattern;

  SecretShape(Anchor anchor, String pattern) {
    this.anchor = anchor;
    this.pattern = Pattern.compile(pattern);
  }

  /** Reports every credential of this shape in {@code text}, left to right. */
  void findIn(String text, Sink sink) {
    // Transparent bounds let the look-behinds see the text before the place being tried.
    Matcher match = pattern.matcher(text).useTransparentBounds(true);
    int from = 0;
    for (int start = anchor.next(text, from); start >= 0; start = anchor.next(text, from)) {
      match.region(start, text.length());
      from = match.lookingAt() ? Math.max(match.end(), mask(match, text, sink)) : start + 1;
    }
  }

  /** Reports what to mask of one match; returns where the search goes on. */
  abstract int mask(Matcher match, String text, Sink sink);

  /** Whether the word at {@code [start, end)}, trailing punctuation aside, is {@link #PROSE}. */
  private static boolean isProse(String text, int start, int end) {
    int wordEnd = end;
    while (wordEnd > start && ".,:;!?".indexOf(text.charAt(wordEnd - 1)) >= 0) {
      wordEnd--;
    }
    return wordEnd - start <= LONGEST_PROSE
        && PROSE.contains(text.substring(start, wordEnd).toLowerCase(Locale.ROOT));
  }

  private static boolean isPrintable(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD);
  }

  /** A character of a name, as the look-behind of {@link #NAMED_VALUE} spells it. */
  static boolean isNameChar(int c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
  }

  /** A character of a URL scheme (RFC 3986 §3.1). */
  static boolean isSchemeChar(int c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-');
  }

  /** What the patterns' {@code \h} matches. */
  static boolean isHorizontalSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\u00A0'
        || c == '\u1680'
        || c == '\u180E'
        || c >= '\u2000' && c <= '\u200A'
        || c == '\u202F'
        || c == '\u205F'
        || c == '\u3000';
  }

  private static boolean endsAuthority(char c) {
    return "/?#\"<>".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
