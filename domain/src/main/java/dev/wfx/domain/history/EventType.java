package dev.wfx.domain.history;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Value object: a Temporal event type in its canonical spelling ({@code ACTIVITY_TASK_SCHEDULED}),
 * whether or not the service knows it.
 */
public record EventType(String name) {

  private static final String PREFIX = "EVENT_TYPE_";
  // Compiled once: every recorded and every loaded event passes through these.
  private static final Pattern SNAKE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PASCAL = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");

  public EventType {
    Objects.requireNonNull(name, "name");
    if (!SNAKE.matcher(name).matches()) {
      throw new IllegalArgumentException("event type must be upper snake case, was '" + name + "'");
    }
  }

  /**
   * Reads both spellings Temporal uses: {@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED} and {@code
   * ActivityTaskScheduled}.
   */
  public static Optional<EventType> parse(String spelling) {
    if (spelling == null || spelling.isEmpty()) {
      return Optional.empty();
    }
    if (spelling.startsWith(PREFIX)) {
      String rest = spelling.substring(PREFIX.length());
      return SNAKE.matcher(rest).matches() ? Optional.of(new EventType(rest)) : Optional.empty();
    }
    if (SNAKE.matcher(spelling).matches() && spelling.contains("_")) {
      return Optional.of(new EventType(spelling));
    }
    if (!PASCAL.matcher(spelling).matches()) {
      return Optional.empty();
    }
    String snake = WORD_START.matcher(spelling).replaceAll("$1_$2").toUpperCase(Locale.ROOT);
    return Optional.of(new EventType(snake));
  }

  public static EventType of(KnownEventType known) {
    return new EventType(known.name());
  }

  public Optional<KnownEventType> known() {
    return KnownEventType.byName(name);
  }

  public boolean is(KnownEventType known) {
    return name.equals(known.name());
  }

  @Override
  public String toString() {
    return name;
  }
}
