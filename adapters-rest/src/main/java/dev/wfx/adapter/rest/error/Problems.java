package dev.wfx.adapter.rest.error;

import dev.wfx.domain.execution.StoreUnavailable;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Central error mapping: every failure of a request becomes a problem document, and nothing
 * internal (stack trace, class name, SQL) ever reaches the client (spec §4).
 */
public final class Problems {

  public static final MediaType PROBLEM_JSON = MediaTypes.create("application", "problem+json");

  static final String INTERNAL_DETAIL =
      "The server could not answer this request; the failure has been logged.";
  static final String NO_RESOURCE_DETAIL = "There is no resource at this path.";
  static final String UNAVAILABLE_DETAIL =
      "The database is unavailable. Send the request again after the Retry-After delay; a"
          + " history batch that was stored after all is then reported as duplicates.";
  /** Seconds a client waits before trying again when the service or its database is down. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final System.Logger LOG = System.getLogger(Problems.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();

  private Problems() {}

  /** Registers the mapping of everything a handler may throw. */
  public static void register(HttpRouting.Builder routing) {
    routing
        .error(ApiProblem.class, Problems::answer)
        .error(StoreUnavailable.class, Problems::answerUnavailable)
        .error(HttpException.class, Problems::answerHttpException)
        .error(Exception.class, Problems::answerUnexpected);
  }

  /**
   * Problem documents for the errors Helidon answers before any route runs (a malformed request
   * line or header, a body over {@code max-payload-size}); bootstrap sets them on the listener.
   */
  public static DirectHandlers directHandlers() {
    DirectHandler handler =
        (request, eventType, status, headers, message) -> {
          // Refused before routing, so no request id was assigned; the problem still carries one.
          String requestId = RequestIds.create();
          headers.set(HeaderNames.CONTENT_TYPE, PROBLEM_JSON.text());
          headers.set(RequestIds.HEADER, requestId);
          byte[] body =
              json(
                  new ProblemDocument(
                      "about:blank",
                      status.reasonPhrase(),
                      status.code(),
                      "The request is malformed: " + status.reasonPhrase(),
                      null,
                      null,
                      requestId));
          return DirectHandler.TransportResponse.builder()
              .status(status)
              .headers(headers)
              .entity(body)
              .build();
        };
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  /** Writes the problem as the response. */
  public static void answer(ServerRequest request, ServerResponse response, ApiProblem problem) {
    if (response.isSent()) {
      return;
    }
    response.status(problem.status());
    for (Header header : problem.headers()) {
      response.header(header);
    }
    response.headers().contentType(PROBLEM_JSON);
    response.send(json(problem.document(requestId(request, response))));
  }

  /**
   * A problem for a request the service cannot serve now (database down, shutting down): 503 with
   * {@code Retry-After}, so clients back off and send it again.
   */
  public static ApiProblem unavailable(String detail) {
    return ApiProblem.of(Status.SERVICE_UNAVAILABLE_503, detail)
        .withHeader(
            HeaderValues.create(HeaderNames.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)));
  }

  /** The id the request filter gave the request; a new one when the filter did not run. */
  private static String requestId(ServerRequest request, ServerResponse response) {
    ServerResponseHeaders headers = response.headers();
    if (headers.contains(RequestIds.HEADER)) {
      return headers.get(RequestIds.HEADER).get();
    }
    String id = RequestIds.of(request.headers());
    response.header(RequestIds.HEADER, id);
    return id;
  }

  private static void answerUnavailable(
      ServerRequest request, ServerResponse response, StoreUnavailable unavailable) {
    // An outage is expected and reported by the health check; one line per request, no trace.
    LOG.log(
        Level.WARNING,
        "database unavailable answering "
            + request.prologue().method().text()
            + " "
            + request.path().path()
            + ": "
            + rootMessage(unavailable));
    answer(request, response, unavailable(UNAVAILABLE_DETAIL));
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure
        ? String.valueOf(failure.getMessage())
        : failure.getMessage() + " (" + root.getMessage() + ")";
  }

  static byte[] json(ProblemDocument document) {
    return JSONB.toJson(document).getBytes(StandardCharsets.UTF_8);
  }

  /** Helidon's own request errors keep their status; their wording stays internal. */
  private static void answerHttpException(
      ServerRequest request, ServerResponse response, HttpException exception) {
    Status status = exception.status();
    if (status.code() >= 500) {
      answerUnexpected(request, response, exception);
      return;
    }
    LOG.log(Level.DEBUG, "request refused by the server: " + exception.getMessage());
    if (status.code() == Status.NOT_FOUND_404.code()) {
      // What the server answers when no route serves the path.
      answer(request, response, ApiProblem.of(status, NO_RESOURCE_DETAIL));
      return;
    }
    answer(request, response, ApiProblem.of(status, "The request is malformed: " + status.reasonPhrase()));
  }

  private static void answerUnexpected(
      ServerRequest request, ServerResponse response, Exception exception) {
    LOG.log(
        Level.ERROR,
        "unexpected failure answering " + request.prologue().method().text() + " " + request.path().path(),
        exception);
    answer(request, response, ApiProblem.of(Status.INTERNAL_SERVER_ERROR_500, INTERNAL_DETAIL));
  }
}
