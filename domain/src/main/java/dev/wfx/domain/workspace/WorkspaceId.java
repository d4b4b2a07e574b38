package dev.wfx.domain.workspace;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Value object: the id of a workspace, the unit of visibility (spec §5). */
public record WorkspaceId(String value) {

  public static final String ACCEPTED_FORM =
      "1 to 128 characters of [A-Za-z0-9._:-], other than . and ..";

  /** The dot segments are refused: a path holding one is read as another path by many clients. */
  private static final Pattern FORM = Pattern.compile("(?!\\.\\.?$)[A-Za-z0-9._:-]{1,128}");

  public WorkspaceId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "workspace id must be " + ACCEPTED_FORM + ", was '" + value + "'");
    }
  }

  public static Optional<WorkspaceId> parse(String text) {
    return text != null && FORM.matcher(text).matches()
        ? Optional.of(new WorkspaceId(text))
        : Optional.empty();
  }

  public static WorkspaceId of(String value) {
    return new WorkspaceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
