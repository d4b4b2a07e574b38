package dev.wfx.domain.access;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Value object: the public id of an API key, safe to show in listings and logs. */
public record ApiKeyId(String value) {

  private static final Pattern FORM = Pattern.compile("[a-z0-9]{8,32}");

  public ApiKeyId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("API key id must be 8 to 32 of [a-z0-9], was '" + value + "'");
    }
  }

  public static Optional<ApiKeyId> parse(String text) {
    return text != null && FORM.matcher(text).matches()
        ? Optional.of(new ApiKeyId(text))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
