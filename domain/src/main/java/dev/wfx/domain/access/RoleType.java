package dev.wfx.domain.access;

import java.util.Locale;
import java.util.Optional;

/** Whether a role stands for a person or a machine; written in lower case on the wire. */
public enum RoleType {
  USER,
  SERVICE;

  public static Optional<RoleType> parse(String text) {
    for (RoleType type : values()) {
      if (type.wireName().equals(text)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
