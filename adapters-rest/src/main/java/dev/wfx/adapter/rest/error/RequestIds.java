package dev.wfx.adapter.rest.error;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request: the caller's {@code X-Request-Id} when it is a sane one (so one id follows a
 * call through a chain of services), else a new one; it is echoed in the response header, every
 * problem document and the access log.
 */
public final class RequestIds {

  public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");

  // Short and free of anything a log line or header could be abused with.
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** The caller's id when exactly one sane id was sent, else a new one. */
  public static String of(Headers requestHeaders) {
    return sent(requestHeaders).orElseGet(RequestIds::create);
  }

  /** A new id. */
  public static String create() {
    return UUID.randomUUID().toString();
  }

  private static Optional<String> sent(Headers requestHeaders) {
    if (!requestHeaders.contains(HEADER)) {
      return Optional.empty();
    }
    List<String> values = requestHeaders.get(HEADER).allValues();
    return values.size() == 1 && SANE.matcher(values.getFirst()).matches()
        ? Optional.of(values.getFirst())
        : Optional.empty();
  }
}
