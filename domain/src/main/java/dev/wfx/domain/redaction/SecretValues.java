package dev.wfx.domain.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Where a secret value ends, read from where it starts. Every read moves forward only and looks at
 * each character once, which is what keeps redaction linear in the length of the text.
 */
final class SecretValues {

  /** The characters to mask, {@code [start, end)}, and where reading goes on after the value. */
  record Value(int start, int end, int next) {}

  /** Punctuation that closes a value when more closing punctuation, a space or the end follows. */
  private static final String CLOSERS = ")]}>\"'";

  /** Punctuation that separates a value from what follows when a space or the end follows. */
  private static final String SEPARATORS = ",;";

  /**
   * The schemes of RFC 9110 §11 that APIs use, registered or not; their name stays in view. Any
   * other first word is masked together with the word after it, as which one is the credential
   * cannot be told.
   */
  private static final Set<String> SCHEMES =
      Set.of(
          "basic", "bearer", "digest", "token", "negotiate", "ntlm", "oauth", "hoba", "mutual",
          "scram-sha-1", "scram-sha-256", "vapid", "dpop", "gnap", "privatetoken", "concealed",
          "apikey", "api-key", "key", "jwt", "mac", "hawk", "aws", "aws4-hmac-sha256", "kerberos",
          "ssws", "splunk", "sharedaccesssignature", "googlelogin", "signature");

  private static final int LONGEST_SCHEME = 32;

  private SecretValues() {}

  /**
   * A quoted value ({@code "v"}, {@code 'v'}, or {@code \"v\"} for JSON held in a string) up to its
   * closing quote, or to the end when unclosed; else a bare value, which ends at a space, at {@code
   * &} (the next query parameter) or at punctuation that closes it. Punctuation followed by more of
   * the value is part of it: {@code password=a;b} masks {@code a;b}.
   */
  static Value at(String text, int start) {
    if (start < text.length() && isQuote(text.charAt(start))) {
      return quoted(text, start + 1, text.charAt(start));
    }
    if (start + 1 < text.length()
        && text.charAt(start) == '\\'
        && isQuote(text.charAt(start + 1))) {
      return escapedQuoted(text, start + 2, text.charAt(start + 1));
    }
    int end = bareEnd(text, start);
    return new Value(start, end, end);
  }

  /**
   * A value, or a {@code name=value} parameter, followed by any number of further parameters
   * after {@code separator}: the pairs of a cookie header, the parameters of Digest credentials.
   * The mask runs from the first to the last, names and closing quotes included.
   */
  static Value withParameters(String text, int start, char separator) {
    Value first = parameterOrValue(text, start);
    int end = first.end();
    int next = first.next();
    for (int index = skipSpaces(text, next);
        index < text.length() && text.charAt(index) == separator;
        index = skipSpaces(text, next)) {
      int nameStart = skipSpaces(text, index + 1);
      int nameEnd = parameterNameEnd(text, nameStart);
      if (nameEnd == nameStart || nameEnd >= text.length() || text.charAt(nameEnd) != '=') {
        break;
      }
      next = at(text, nameEnd + 1).next();
      end = next;
    }
    return new Value(first.start(), end, next);
  }

  /**
   * An Authorization header's value: a known scheme stays and what follows it is masked, with
   * any comma-separated parameters (Digest, AWS Signature V4); within quotes, everything after the
   * scheme up to the closing quote.
   */
  static Value credentials(String text, int start) {
    Value first = at(text, start);
    if (first.start() != start) {
      int schemeEnd = wordEnd(text, first.start(), first.end());
      int credentials = skipSpaces(text, schemeEnd);
      return isScheme(text, first.start(), schemeEnd) && credentials < first.end()
          ? new Value(credentials, first.end(), first.next())
          : first;
    }
    int credentials = skipSpaces(text, first.end());
    boolean followed = credentials > first.end() && credentials < text.length();
    if (isScheme(text, start, first.end())) {
      return followed
          ? withParameters(text, credentials, ',')
          : new Value(first.end(), first.end(), first.end());
    }
    if (!followed) {
      return first;
    }
    Value rest = withParameters(text, credentials, ',');
    return new Value(start, rest.end(), rest.next());
  }

  /** Any space, the non-breaking ones too: it ends a bare value. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** Between a scheme and its credentials: a line break ends a header, another one follows. */
  private static boolean isSpaceWithinLine(char c) {
    return c != '\n' && c != '\r' && isSpace(c);
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  /** Backslash escapes are skipped, as JSON and Python write a quote inside a string. */
  private static Value quoted(String text, int from, char quote) {
    int index = from;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == quote) {
        return new Value(from, index, index + 1);
      }
      index += c == '\\' ? 2 : 1;
    }
    return new Value(from, text.length(), text.length());
  }

  private static Value escapedQuoted(String text, int from, char quote) {
    int close = text.indexOf("\\" + quote, from);
    return close < 0
        ? new Value(from, text.length(), text.length())
        : new Value(from, close, close + 2);
  }

  private static int bareEnd(String text, int start) {
    int index = start;
    while (index < text.length()
        && !isSpace(text.charAt(index))
        && text.charAt(index) != '&'
        && !closesValue(text, index)) {
      index++;
    }
    return index;
  }

  private static boolean closesValue(String text, int index) {
    char c = text.charAt(index);
    boolean closer = CLOSERS.indexOf(c) >= 0;
    if (!closer && SEPARATORS.indexOf(c) < 0) {
      return false;
    }
    if (index + 1 == text.length()) {
      return true;
    }
    char after = text.charAt(index + 1);
    return isSpace(after)
        || after == '&'
        || CLOSERS.indexOf(after) >= 0
        || closer && SEPARATORS.indexOf(after) >= 0;
  }

  private static Value parameterOrValue(String text, int start) {
    int nameEnd = parameterNameEnd(text, start);
    if (nameEnd > start && nameEnd < text.length() && text.charAt(nameEnd) == '=') {
      int next = at(text, nameEnd + 1).next();
      return new Value(start, next, next);
    }
    return at(text, start);
  }

  /** A parameter's name is an HTTP token (RFC 9110 §5.6.2) without {@code &}, {@code '}. */
  private static int parameterNameEnd(String text, int start) {
    int index = start;
    while (index < text.length()
        && (Character.isLetterOrDigit(text.charAt(index))
            && text.charAt(index) < 0x80
            || "!#$%*+-.^_`|~".indexOf(text.charAt(index)) >= 0)) {
      index++;
    }
    return index;
  }

  private static int wordEnd(String text, int start, int limit) {
    int index = start;
    while (index < limit && !isSpace(text.charAt(index))) {
      index++;
    }
    return index;
  }

  private static int skipSpaces(String text, int start) {
    int index = start;
    while (index < text.length() && isSpaceWithinLine(text.charAt(index))) {
      index++;
    }
    return index;
  }

  private static boolean isScheme(String text, int start, int end) {
    return end > start
        && end - start <= LONGEST_SCHEME
        && SCHEMES.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
  }
}
