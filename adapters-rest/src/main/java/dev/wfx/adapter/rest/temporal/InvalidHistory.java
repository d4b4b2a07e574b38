package dev.wfx.adapter.rest.temporal;

/**
 * Raised deep inside the translation, where returning a result through every helper would bury the
 * mapping; the translator turns it into {@link Translation.Invalid} before anyone else sees it.
 */
final class InvalidHistory extends RuntimeException {

  InvalidHistory(String message) {
    super(message, null, false, false);
  }
}
