package dev.wfx.adapter.rest.audit;

import dev.wfx.adapter.rest.access.BearerAuthentication;
import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.application.audit.ListWriteAudits;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.ExecutionId;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP resource: {@code GET /audit/writes?execution_id=…&limit=…}, the latest history writes,
 * newest first; admins only.
 */
public final class AuditService implements HttpService {

  static final String PATH = "/audit/writes";
  static final String EXECUTION_QUERY = "execution_id";
  static final String LIMIT_QUERY = "limit";

  private final ListWriteAudits listWriteAudits;
  private final BearerAuthentication authentication;

  public AuditService(ListWriteAudits listWriteAudits, BearerAuthentication authentication) {
    this.listWriteAudits = Objects.requireNonNull(listWriteAudits, "listWriteAudits");
    this.authentication = Objects.requireNonNull(authentication, "authentication");
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get(PATH, this::list).any(PATH, AuditService::notAllowed);
  }

  private void list(ServerRequest request, ServerResponse response) throws IOException {
    Caller caller = authentication.caller(request);
    ListWriteAudits.Query query =
        new ListWriteAudits.Query(caller.role(), execution(request), limit(request));
    switch (listWriteAudits.list(query)) {
      case ListWriteAudits.Result.Listed listed -> {
        response.status(Status.OK_200);
        response.headers().contentType(MediaTypes.APPLICATION_JSON);
        try (OutputStream out = response.outputStream()) {
          WriteAuditJson.write(listed.entries(), out);
        }
      }
      case ListWriteAudits.Result.Forbidden forbidden ->
          throw ApiProblem.of(Status.FORBIDDEN_403, forbidden.reason() + ".");
    }
  }

  private static void notAllowed(ServerRequest request, ServerResponse response) {
    throw ApiProblem.of(Status.METHOD_NOT_ALLOWED_405, "This resource answers GET only.")
        .withHeader(HeaderValues.create(HeaderNames.ALLOW, Method.GET.text()));
  }

  private static Optional<ExecutionId> execution(ServerRequest request) {
    return single(request, EXECUTION_QUERY)
        .map(
            text ->
                ExecutionId.parse(text)
                    .orElseThrow(
                        () ->
                            ApiProblem.of(
                                Status.BAD_REQUEST_400,
                                "The execution_id is malformed; accepted forms: "
                                    + ExecutionId.ACCEPTED_FORMS)));
  }

  private static int limit(ServerRequest request) {
    Optional<String> text = single(request, LIMIT_QUERY);
    if (text.isEmpty()) {
      return ListWriteAudits.DEFAULT_LIMIT;
    }
    // At most four digits, so parsing cannot overflow.
    int limit = text.get().matches("\\d{1,4}") ? Integer.parseInt(text.get()) : 0;
    if (limit < 1 || limit > ListWriteAudits.MAX_LIMIT) {
      throw ApiProblem.of(
          Status.BAD_REQUEST_400,
          "The limit must be a whole number from 1 to " + ListWriteAudits.MAX_LIMIT + ".");
    }
    return limit;
  }

  private static Optional<String> single(ServerRequest request, String name) {
    List<String> values = request.query().all(name, List::of);
    if (values.size() > 1) {
      throw ApiProblem.of(Status.BAD_REQUEST_400, "The query names " + name + " more than once.");
    }
    return values.stream().findFirst();
  }
}
