package dev.wfx.adapter.rest;

import dev.wfx.adapter.rest.access.BearerAuthentication;
import dev.wfx.adapter.rest.audit.AuditService;
import dev.wfx.adapter.rest.error.Problems;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.adapter.rest.execution.WorkflowExecutionJson;
import dev.wfx.adapter.rest.execution.WorkflowExecutionService;
import dev.wfx.adapter.rest.observe.RequestFilter;
import dev.wfx.adapter.rest.observe.ServiceGate;
import dev.wfx.application.access.AuthenticateCaller;
import dev.wfx.application.audit.AuditRefusedWrite;
import dev.wfx.application.audit.ListWriteAudits;
import dev.wfx.application.execution.ExportHistory;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.RecordHistory;
import dev.wfx.domain.redaction.CauseRedactor;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.util.Objects;

/**
 * Facade for bootstrap: registers the API's resources and error mapping on a routing, and hands
 * out what the server listener needs ({@link #directHandlers()}).
 */
public final class RestApi {

  private RestApi() {}

  /**
   * The use cases the API drives.
   *
   * @param auditRefusedWrite audits the writes refused before {@code recordHistory} runs (a body
   *     too large, not JSON, unreadable or not a history, a request past its deadline)
   * @param listWriteAudits answers {@code GET /audit/writes}; wire it and {@code
   *     auditRefusedWrite} to the trail that {@code recordHistory} writes to
   */
  public record UseCases(
      GetWorkflowExecution getWorkflowExecution,
      GetExecutionVersion getExecutionVersion,
      RecordHistory recordHistory,
      AuditRefusedWrite auditRefusedWrite,
      AuthenticateCaller authenticateCaller,
      ListWriteAudits listWriteAudits,
      ExportHistory exportHistory) {
    public UseCases {
      Objects.requireNonNull(getWorkflowExecution, "getWorkflowExecution");
      Objects.requireNonNull(getExecutionVersion, "getExecutionVersion");
      Objects.requireNonNull(recordHistory, "recordHistory");
      Objects.requireNonNull(auditRefusedWrite, "auditRefusedWrite");
      Objects.requireNonNull(authenticateCaller, "authenticateCaller");
      Objects.requireNonNull(listWriteAudits, "listWriteAudits");
      Objects.requireNonNull(exportHistory, "exportHistory");
    }
  }

  /**
   * Registers every resource and the problem mapping of errors, which also answers a problem 404
   * for a path no route serves (this API's or another's, such as {@code /observe}). Requests get
   * an id and are logged and measured in the global meter registry, and are never refused: for a
   * service that shuts down gracefully use the overload with a gate.
   *
   * @param causeRedactor redacts credentials from every string of a failure's {@code cause} (spec
   *     §6.6); wire {@code CredentialRedactor::redact} here
   */
  public static void routing(
      HttpRouting.Builder routing,
      UseCases useCases,
      CauseRedactor causeRedactor,
      RestSettings settings) {
    routing(
        routing,
        useCases,
        causeRedactor,
        settings,
        new ServiceGate(),
        Services.get(MeterRegistry.class));
  }

  /**
   * As {@link #routing(HttpRouting.Builder, UseCases, CauseRedactor, RestSettings)}, admitting
   * requests through {@code gate} (closed: 503) and recording their latency in {@code registry}.
   */
  public static void routing(
      HttpRouting.Builder routing,
      UseCases useCases,
      CauseRedactor causeRedactor,
      RestSettings settings,
      ServiceGate gate,
      MeterRegistry registry) {
    Objects.requireNonNull(useCases, "useCases");
    Objects.requireNonNull(settings, "settings");
    routing.addFilter(new RequestFilter(gate, registry));
    Problems.register(routing);
    BearerAuthentication authentication = new BearerAuthentication(useCases.authenticateCaller());
    routing.register(
        new WorkflowExecutionService(
            useCases.getWorkflowExecution(),
            useCases.getExecutionVersion(),
            useCases.exportHistory(),
            useCases.recordHistory(),
            useCases.auditRefusedWrite(),
            authentication,
            new WorkflowExecutionJson(causeRedactor),
            settings));
    routing.register(new AuditService(useCases.listWriteAudits(), authentication));
  }

  /** Problem documents for the errors Helidon answers before routing; set on the listener. */
  public static DirectHandlers directHandlers() {
    return Problems.directHandlers();
  }
}
