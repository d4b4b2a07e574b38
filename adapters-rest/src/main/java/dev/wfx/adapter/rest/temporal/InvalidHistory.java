package dev.wfx.adapter.rest.temporal;

/**
 * Raised deep inside the translation, where returning a result through every helper would bury the
 * mapping; the translator turns it into {@link Translation.Invalid} before anyone else sees it.
 */
final class InvalidHistory extends RuntimeException {

  private final String summary;

  /** A complaint that quotes nothing of the body. */
  InvalidHistory(String message) {
    this(message, message);
  }

  /** A complaint that quotes the body in its message, and {@code summary} without the quote. */
  InvalidHistory(String message, String summary) {
    super(message, null, false, false);
    this.summary = summary;
  }

  String summary() {
    return summary;
  }
}
