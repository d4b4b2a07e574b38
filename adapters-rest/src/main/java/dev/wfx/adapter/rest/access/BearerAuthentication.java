package dev.wfx.adapter.rest.access;

import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.application.access.AuthenticateCaller;
import dev.wfx.domain.access.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells who calls from {@code Authorization: Bearer <api key>}; every handler asks it first, and
 * anything but one well-formed, known key is a 401 with {@code WWW-Authenticate: Bearer}.
 */
public final class BearerAuthentication {

  /** The scheme in any case, one space, one token of visible ASCII (RFC 9110 §11.4). */
  private static final Pattern BEARER =
      Pattern.compile("Bearer ([!-~]+)", Pattern.CASE_INSENSITIVE);

  private final AuthenticateCaller authenticateCaller;

  public BearerAuthentication(AuthenticateCaller authenticateCaller) {
    this.authenticateCaller = Objects.requireNonNull(authenticateCaller, "authenticateCaller");
  }

  /** The caller (key id and role); throws the 401 problem when there is none. */
  public Caller caller(ServerRequest request) {
    List<String> values = request.headers().values(HeaderNames.AUTHORIZATION);
    if (values.isEmpty()) {
      throw unauthorized("This request needs an API key: send 'Authorization: Bearer <api key>'.");
    }
    Matcher matcher = values.size() == 1 ? BEARER.matcher(values.getFirst()) : null;
    if (matcher == null || !matcher.matches()) {
      throw unauthorized(
          "The Authorization header must be exactly one 'Bearer <api key>'.");
    }
    return authenticateCaller
        .authenticate(matcher.group(1))
        .orElseThrow(() -> unauthorized("The API key is not valid."));
  }

  private static ApiProblem unauthorized(String detail) {
    return ApiProblem.of(Status.UNAUTHORIZED_401, detail)
        .withHeader(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer"));
  }
}
