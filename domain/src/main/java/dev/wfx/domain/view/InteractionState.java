package dev.wfx.domain.view;

import dev.wfx.domain.history.JsonText;
import java.util.Locale;
import java.util.Objects;

/** The state of a human interaction an action waits for (spec §6.5). */
public record InteractionState(String type, String actionRef, Status status, JsonText data) {

  /** Written in lower case on the wire. */
  public enum Status {
    IDLE,
    PENDING,
    COMPLETED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public InteractionState {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actionRef, "actionRef");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(data, "data");
  }
}
