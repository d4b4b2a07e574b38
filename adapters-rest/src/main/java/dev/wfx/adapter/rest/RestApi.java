package dev.wfx.adapter.rest;

import dev.wfx.adapter.rest.access.BearerAuthentication;
import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.adapter.rest.error.Problems;
import dev.wfx.adapter.rest.execution.WorkflowExecutionJson;
import dev.wfx.adapter.rest.execution.WorkflowExecutionService;
import dev.wfx.application.access.AuthenticateCaller;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.RecordHistory;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Facade for bootstrap: registers the API's resources and error mapping on a routing, and hands
 * out what the server listener needs ({@link #directHandlers()}).
 */
public final class RestApi {

  private RestApi() {}

  /**
   * Registers every resource, the problem mapping of errors, and a problem 404 for every other
   * path; call it after registering other routes (health, metrics), since that 404 catches all.
   *
   * @param failureMessageRedactor redacts credentials from strings under {@code message} keys of a
   *     failure's {@code cause} (spec §6.6); wire {@code CredentialRedactor} here
   */
  public static void routing(
      HttpRouting.Builder routing,
      GetWorkflowExecution getWorkflowExecution,
      GetExecutionVersion getExecutionVersion,
      RecordHistory recordHistory,
      AuthenticateCaller authenticateCaller,
      UnaryOperator<String> failureMessageRedactor,
      RestSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Problems.register(routing);
    routing.register(
        new WorkflowExecutionService(
            getWorkflowExecution,
            getExecutionVersion,
            recordHistory,
            new BearerAuthentication(authenticateCaller),
            new WorkflowExecutionJson(failureMessageRedactor),
            settings.maxHistoryBodyBytes(),
            settings.documentCacheBytes()));
    routing.any(
        (request, response) -> {
          throw ApiProblem.of(Status.NOT_FOUND_404, "There is no resource at this path.");
        });
  }

  /** Problem documents for the errors Helidon answers before routing; set on the listener. */
  public static DirectHandlers directHandlers() {
    return Problems.directHandlers();
  }
}
