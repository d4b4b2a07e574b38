package dev.wfx.adapter.rest.error;

import io.helidon.http.Header;
import io.helidon.http.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An answer that is an error, thrown from a handler (or from deep inside reading the body) and
 * written by {@link Problems} as a problem document; it carries no stack trace, since it is an
 * outcome, not a fault.
 *
 * @param eventId extension member {@code event_id}, or null
 * @param expectedEventId extension member {@code expected_event_id}, or null
 */
public final class ApiProblem extends RuntimeException {

  private final Status status;
  private final String detail;
  private final Long eventId;
  private final Long expectedEventId;
  private final List<Header> headers;

  private ApiProblem(
      Status status, String detail, Long eventId, Long expectedEventId, List<Header> headers) {
    super(status.code() + " " + detail, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.eventId = eventId;
    this.expectedEventId = expectedEventId;
    this.headers = List.copyOf(headers);
  }

  public static ApiProblem of(Status status, String detail) {
    return new ApiProblem(status, detail, null, null, List.of());
  }

  /** A problem about one event of a history batch, and the id the execution expects next. */
  public static ApiProblem aboutEvent(
      Status status, String detail, Long eventId, Long expectedEventId) {
    return new ApiProblem(status, detail, eventId, expectedEventId, List.of());
  }

  /** The same problem, answered with extra response headers ({@code WWW-Authenticate}, {@code Allow}). */
  public ApiProblem withHeader(Header header) {
    List<Header> more = new ArrayList<>(headers);
    more.add(header);
    return new ApiProblem(status, detail, eventId, expectedEventId, more);
  }

  public Status status() {
    return status;
  }

  public List<Header> headers() {
    return headers;
  }

  /** The problem document of the request with this id. */
  public ProblemDocument document(String requestId) {
    return new ProblemDocument(
        "about:blank",
        status.reasonPhrase(),
        status.code(),
        detail,
        eventId,
        expectedEventId,
        requestId);
  }
}
