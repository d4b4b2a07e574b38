package dev.wfx.adapter.rest.error;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
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

  private static final System.Logger LOG = System.getLogger(Problems.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();

  private Problems() {}

  /** Registers the mapping of everything a handler may throw. */
  public static void register(HttpRouting.Builder routing) {
    routing
        .error(ApiProblem.class, Problems::answer)
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
          headers.set(HeaderNames.CONTENT_TYPE, PROBLEM_JSON.text());
          byte[] body =
              json(
                  new ProblemDocument(
                      "about:blank",
                      status.reasonPhrase(),
                      status.code(),
                      "The request is malformed: " + status.reasonPhrase(),
                      null,
                      null));
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
    response.send(json(problem.document()));
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
