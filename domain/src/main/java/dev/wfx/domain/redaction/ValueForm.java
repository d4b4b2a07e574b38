package dev.wfx.domain.redaction;

/** How far the value after a secret-bearing name reaches. */
enum ValueForm {

  /** One value: {@code password=v}, {@code "api_key": "v"}. */
  SINGLE {
    @Override
    SecretValues.Value read(String text, int start) {
      return SecretValues.at(text, start);
    }
  },

  /** A cookie header's {@code a=1; b=2}: every pair may be a session, so all are masked. */
  COOKIE_PAIRS {
    @Override
    SecretValues.Value read(String text, int start) {
      return SecretValues.withParameters(text, start, ';');
    }
  },

  /** An Authorization header's scheme and credentials: the scheme stays in view. */
  CREDENTIALS {
    @Override
    SecretValues.Value read(String text, int start) {
      return SecretValues.credentials(text, start);
    }
  };

  /** The value that starts at {@code start} (past the separator and its spaces). */
  abstract SecretValues.Value read(String text, int start);
}
