package dev.wfx.domain.view;

import java.util.Locale;
import java.util.Optional;

/** How an action joins its upstream actions; written in lower case on the wire. */
public enum JoinStrategy {
  ALL,
  ANY;

  public static Optional<JoinStrategy> parse(String text) {
    if ("all".equals(text)) {
      return Optional.of(ALL);
    }
    if ("any".equals(text)) {
      return Optional.of(ANY);
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
