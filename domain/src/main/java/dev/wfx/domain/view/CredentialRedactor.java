package dev.wfx.domain.view;

import java.util.regex.Pattern;

/** Masks credentials that failure messages carry by accident (spec §6.6). */
public final class CredentialRedactor {

  private static final String MASK = "[REDACTED]";

  /** A value runs until whitespace or one of {@code & " ' , ; )} (spec §6.6). */
  private static final String VALUE = "[^\\s&\"',;)]+";

  /**
   * {@code Authorization: Basic <v>} or {@code Bearer <v>}. "Basic" needs the header name, as it is
   * an everyday word; a bearer token is masked wherever it shows up. Quotes around the header name
   * allow for the dict and JSON renderings that Python error messages print.
   */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "((?:authorization[\"']?\\s*[:=]\\s*[\"']?basic|\\bbearer)\\s+)" + VALUE,
          Pattern.CASE_INSENSITIVE);

  /**
   * {@code <k>=<v>}; one alternation, so that {@code token} inside {@code access_token=} is matched
   * once, from its leftmost start. A key that ends with one of these ({@code client_secret=}) is
   * masked too, which errs on the safe side.
   */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(api_key|api-key|apikey|access_token|refresh_token|token|password|passwd|secret)="
              + VALUE,
          Pattern.CASE_INSENSITIVE);

  /** A URL's {@code user:password@}; the scheme is required so that prose is left alone. */
  private static final Pattern URL_PASSWORD =
      Pattern.compile(
          "(\\b[a-z][a-z0-9+.-]*://[^\\s:/@&\"',;)]+):[^\\s@/&\"',;)]+@", Pattern.CASE_INSENSITIVE);

  private CredentialRedactor() {}

  /** The text with every credential value replaced by {@code [REDACTED]}; else the same text. */
  public static String redact(String text) {
    String redacted = replace(AUTHORIZATION, text, "$1" + MASK);
    redacted = replace(KEY_VALUE, redacted, "$1=" + MASK);
    return replace(URL_PASSWORD, redacted, "$1:" + MASK + "@");
  }

  private static String replace(Pattern pattern, String text, String replacement) {
    return pattern.matcher(text).replaceAll(replacement);
  }
}
