package dev.wfx.domain.redaction;

import java.util.List;
import java.util.Optional;

/**
 * The names a secret travels under — query parameters, form fields, headers, JSON members, config
 * keys — and how the value after each is read.
 *
 * <p>A name bears a secret when it ends with one of the names below, so that {@code
 * client_secret}, {@code X-Amz-Signature} and {@code accessToken} count. The distinctive names
 * count at any end ({@code dbpassword}); the everyday words only where a word of the name starts —
 * after {@code _ - .} or at a capital — so that {@code api_key} and {@code apiKey} count and {@code
 * monkey} does not.
 */
final class SecretNames {

  private record SecretName(String name, boolean startsAWord, ValueForm form) {}

  private static final List<SecretName> NAMES =
      List.of(
          // Authorization keeps its scheme in view; a cookie header is a list of secrets.
          distinctive("authorization", ValueForm.CREDENTIALS),
          distinctive("cookie", ValueForm.COOKIE_PAIRS),
          distinctive("password", ValueForm.SINGLE),
          distinctive("passwd", ValueForm.SINGLE),
          distinctive("passphrase", ValueForm.SINGLE),
          distinctive("secret", ValueForm.SINGLE),
          distinctive("token", ValueForm.SINGLE),
          distinctive("apikey", ValueForm.SINGLE),
          distinctive("privatekey", ValueForm.SINGLE),
          distinctive("secretkey", ValueForm.SINGLE),
          distinctive("signature", ValueForm.SINGLE),
          distinctive("credential", ValueForm.SINGLE),
          distinctive("credentials", ValueForm.SINGLE),
          distinctive("sessionid", ValueForm.SINGLE),
          word("session_id"),
          word("session"),
          word("key"),
          word("sig"),
          word("auth"),
          word("pass"),
          word("pwd"),
          word("sid"),
          word("jwt"));

  private SecretNames() {}

  /** How the value after {@code name} is read; empty when the name bears no secret. */
  static Optional<ValueForm> formOf(String name) {
    for (SecretName secret : NAMES) {
      if (endsWith(name, secret)) {
        return Optional.of(secret.form());
      }
    }
    return Optional.empty();
  }

  private static boolean endsWith(String name, SecretName secret) {
    int start = name.length() - secret.name().length();
    return start >= 0
        && name.regionMatches(true, start, secret.name(), 0, secret.name().length())
        && (!secret.startsAWord() || startsAWord(name, start));
  }

  private static boolean startsAWord(String name, int index) {
    if (index == 0 || "_-.".indexOf(name.charAt(index - 1)) >= 0) {
      return true;
    }
    // A capital starts a word after a lower-case letter or a digit (apiKey), or ends an acronym
    // when a lower-case letter follows (APIKey).
    char first = name.charAt(index);
    char before = name.charAt(index - 1);
    boolean lowerFollows =
        index + 1 < name.length() && Character.isLowerCase(name.charAt(index + 1));
    return Character.isUpperCase(first) && (!Character.isUpperCase(before) || lowerFollows);
  }

  private static SecretName distinctive(String name, ValueForm form) {
    return new SecretName(name, false, form);
  }

  private static SecretName word(String name) {
    return new SecretName(name, true, ValueForm.SINGLE);
  }
}
