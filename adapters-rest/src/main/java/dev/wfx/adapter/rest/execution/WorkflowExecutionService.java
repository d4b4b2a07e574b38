package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.access.BearerAuthentication;
import dev.wfx.adapter.rest.error.ApiProblem;
import dev.wfx.adapter.rest.temporal.TemporalHistoryTranslator;
import dev.wfx.adapter.rest.temporal.Translation;
import dev.wfx.application.audit.AuditRefusedWrite;
import dev.wfx.application.execution.ExportHistory;
import dev.wfx.application.execution.GetExecutionVersion;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.RecordHistory.Outcome;
import dev.wfx.application.execution.RecordHistory;
import dev.wfx.domain.access.Caller;
import dev.wfx.domain.execution.BatchRejection;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WriteOutcome;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP resource: {@code GET /workflow-executions/{execution_id}}, {@code POST} and {@code GET
 * /workflow-executions/{execution_id}/history} (record, export), each also under {@code
 * /workspaces/{workspace_id}}.
 *
 * <p>Routes match on a greedy pattern and the path is then read raw ({@link ExecutionPath}), so
 * ids with encoded slashes reach the handler intact.
 */
public final class WorkflowExecutionService implements HttpService {

  static final String NOT_FOUND = "Workflow execution not found";
  static final String WORKSPACE_QUERY = "workspace_id";
  static final String RUN_QUERY = "run_id";

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final DocumentReads documentReads;
  private final HistoryExports historyExports;
  private final RecordHistory recordHistory;
  private final AuditRefusedWrite auditRefusedWrite;
  private final BearerAuthentication authentication;
  private final TemporalHistoryTranslator translator;
  private final WriteAdmission writeAdmission;
  private final long maxBodyBytes;
  private final Duration bodyReadTimeout;
  private final Duration requestTimeout;

  /**
   * @param documentJson encodes the GET document
   * @param settings the body limit, the document cache size, the body read and request timeouts
   */
  public WorkflowExecutionService(
      GetWorkflowExecution getWorkflowExecution,
      GetExecutionVersion getExecutionVersion,
      ExportHistory exportHistory,
      RecordHistory recordHistory,
      AuditRefusedWrite auditRefusedWrite,
      BearerAuthentication authentication,
      WorkflowExecutionJson documentJson,
      RestSettings settings) {
    this.documentReads =
        new DocumentReads(
            getWorkflowExecution,
            getExecutionVersion,
            documentJson,
            new RenderedDocuments(settings.documentCacheBytes()));
    this.historyExports = new HistoryExports(getExecutionVersion, exportHistory);
    this.recordHistory = Objects.requireNonNull(recordHistory, "recordHistory");
    this.auditRefusedWrite = Objects.requireNonNull(auditRefusedWrite, "auditRefusedWrite");
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    this.translator = new TemporalHistoryTranslator(settings.writeLimits().maxBatchEvents());
    this.writeAdmission = new WriteAdmission(settings.writeLimits());
    this.maxBodyBytes = settings.maxHistoryBodyBytes();
    this.bodyReadTimeout = settings.bodyReadTimeout();
    this.requestTimeout = settings.requestTimeout();
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .any("/" + ExecutionPath.COLLECTION + "/{+path}", this::handle)
        .any("/" + ExecutionPath.WORKSPACES + "/{+path}", this::handle);
  }

  private void handle(ServerRequest request, ServerResponse response) {
    RequestDeadline deadline = RequestDeadline.after(requestTimeout);
    String rawPath = request.path().absolute().rawPath();
    ExecutionPath path =
        ExecutionPath.parse(rawPath)
            .orElseThrow(
                () -> ApiProblem.of(Status.NOT_FOUND_404, ExecutionPath.noResourceDetail(rawPath)));
    Method method = request.prologue().method();
    boolean recording = path.history() && method.equals(Method.POST);
    if (!recording && !method.equals(Method.GET)) {
      throw ApiProblem.of(
              Status.METHOD_NOT_ALLOWED_405,
              path.history()
                  ? "This resource answers GET (export) and POST (record) only."
                  : "This resource answers GET only.")
          .withHeader(HeaderValues.create(HeaderNames.ALLOW, path.history() ? "GET, POST" : "GET"));
    }
    Caller caller = authentication.caller(request);
    ExecutionId id = executionId(path);
    Optional<WorkspaceId> workspace = workspace(path, request);
    Optional<RunId> run = run(request);
    if (recording) {
      record(request, response, id, workspace, run, caller, deadline);
      return;
    }
    // Authentication asked the database already; a slow one must not be followed by more.
    deadline.check("reading the execution");
    GetWorkflowExecution.Query query = new GetWorkflowExecution.Query(id, caller.role(), workspace, run);
    if (path.history()) {
      historyExports.answer(request, response, query);
    } else {
      documentReads.answer(request, response, query);
    }
  }

  /** The 409 of an admin's request that names no workspace for an id held by several. */
  static ApiProblem inSeveralWorkspaces(List<WorkspaceId> workspaces) {
    return ApiProblem.of(
        Status.CONFLICT_409,
        "The execution id exists in several workspaces ("
            + String.join(", ", workspaces.stream().map(WorkspaceId::value).toList())
            + "); name one with ?workspace_id= or /workspaces/{workspace_id}/….");
  }

  private void record(
      ServerRequest request,
      ServerResponse response,
      ExecutionId id,
      Optional<WorkspaceId> workspace,
      Optional<RunId> run,
      Caller caller,
      RequestDeadline deadline) {
    RefusedWrites refused = new RefusedWrites(auditRefusedWrite, caller, id, workspace);
    // Admitted before the body is read, so that writers past the limits hold no body in memory.
    switch (writeAdmission.admit(caller.keyId())) {
      case WriteAdmission.Admission.Refused tooMany -> {
        ApiProblem answer =
            ApiProblem.of(
                    Status.TOO_MANY_REQUESTS_429,
                    "Too many writes in flight: "
                        + tooMany.reason()
                        + ". Send the batch again shortly.")
                .withHeader(HeaderValues.create(HeaderNames.RETRY_AFTER, "1"));
        throw refused.refuse(
            WriteOutcome.THROTTLED,
            tooMany.reason(),
            List.of(),
            discardBody(request, deadline)
                ? answer
                : answer.withHeader(HeaderValues.CONNECTION_CLOSE));
      }
      case WriteAdmission.Admission.Admitted admitted -> {
        try (admitted) {
          answer(
              response, recordAdmitted(request, id, workspace, run, caller, deadline, refused));
        }
      }
    }
  }

  /** Reads and records the batch of an admitted write; a failure of the service is audited. */
  private Outcome recordAdmitted(
      ServerRequest request,
      ExecutionId id,
      Optional<WorkspaceId> workspace,
      Optional<RunId> run,
      Caller caller,
      RequestDeadline deadline,
      RefusedWrites refused) {
    List<HistoryEvent> batch = List.of();
    try {
      batch = readBatch(request, deadline, refused);
      // The last point where the request can stop without leaving an unknown outcome: once the
      // append starts it runs to its commit or rollback, bounded by the statement timeout.
      if (deadline.passed()) {
        throw refused.timedOut(deadline, "storing the batch", batch);
      }
      return recordHistory.record(new RecordHistory.Command(id, workspace, run, batch, caller));
    } catch (ApiProblem | StoreUnavailable answeredAndAudited) {
      throw answeredAndAudited;
    } catch (RuntimeException unexpected) {
      // A write of a known caller leaves an entry even when the service fails on it.
      throw refused.failed(unexpected, batch);
    }
  }

  /**
   * Reads a refused write's body to its end without keeping it, under the same limit and timeouts
   * as a body that is recorded: a connection closed with unread data is reset, and the reset can
   * destroy the answer on its way. Returns whether the body was read whole; else the connection is
   * to be closed.
   */
  private boolean discardBody(ServerRequest request, RequestDeadline deadline) {
    try (InputStream body =
        new BodyLimit(
            new StalledBodyGuard(request.content().inputStream(), bodyReadTimeout, deadline),
            maxBodyBytes)) {
      body.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException | ApiProblem stalledOrTooLarge) {
      return false;
    }
  }

  /** The batch the body holds; a body refused on the way is audited before it is answered. */
  private List<HistoryEvent> readBatch(
      ServerRequest request, RequestDeadline deadline, RefusedWrites refused) {
    Optional<String> otherType = nonJsonType(request);
    if (otherType.isPresent()) {
      throw refused.refuse(
          WriteOutcome.UNSUPPORTED_MEDIA_TYPE,
          "the body was declared as " + otherType.get() + ", not JSON",
          List.of(),
          ApiProblem.of(Status.UNSUPPORTED_MEDIA_TYPE_415, notJsonDetail(otherType.get())));
    }
    long declared = request.headers().contentLength().orElse(0);
    if (declared > maxBodyBytes) {
      throw refused.refuse(
          WriteOutcome.TOO_LARGE,
          "the body of " + declared + " bytes is over the limit of " + maxBodyBytes + " bytes",
          List.of(),
          BodyLimit.tooLarge(maxBodyBytes));
    }
    if (deadline.passed()) {
      throw refused.timedOut(deadline, "reading its body", List.of());
    }
    Translation translation = null;
    try (InputStream body =
        new BodyLimit(
            new StalledBodyGuard(request.content().inputStream(), bodyReadTimeout, deadline),
            maxBodyBytes)) {
      translation = translator.translate(body);
    } catch (ApiProblem tooLarge) {
      // Only the body limit answers while the body is read.
      throw refused.refuse(
          WriteOutcome.TOO_LARGE,
          "the body went over the limit of " + maxBodyBytes + " bytes",
          List.of(),
          tooLarge);
    } catch (IOException e) {
      // Draining the rest of the body on close failed: the client went away. A body found unusable
      // before keeps the reason it was found so (a stall cut off ends in this failure too).
      if (translation == null || translation instanceof Translation.Translated) {
        translation = Translation.Unreadable.because(e);
      }
    }
    // A read cut off at the deadline shows as unreadable, or to the parser as malformed JSON.
    if (!(translation instanceof Translation.Translated) && deadline.passed()) {
      throw refused.timedOut(deadline, "its whole body arrived", List.of());
    }
    return switch (translation) {
      case Translation.Translated translated -> translated.events();
      case Translation.Invalid invalid ->
          throw refused.refuse(
              WriteOutcome.MALFORMED,
              "not a Temporal history: " + invalid.summary(),
              List.of(),
              ApiProblem.of(Status.UNPROCESSABLE_CONTENT_422, invalid.detail()));
      case Translation.TooManyEvents tooMany ->
          throw refused.refuse(
              WriteOutcome.TOO_LARGE,
              "the batch holds more than " + tooMany.limit() + " events",
              List.of(),
              ApiProblem.of(
                  Status.REQUEST_ENTITY_TOO_LARGE_413,
                  "A batch holds at most "
                      + tooMany.limit()
                      + " events; send the history in several batches."));
      case Translation.Unreadable unreadable ->
          throw refused.refuse(
              WriteOutcome.UNREADABLE,
              "the body could not be read: " + unreadable.reason(),
              List.of(),
              ApiProblem.of(
                  Status.BAD_REQUEST_400,
                  "The request body could not be read: " + unreadable.reason() + "."));
    };
  }

  private static void answer(ServerResponse response, Outcome outcome) {
    switch (outcome) {
      case Outcome.Recorded recorded -> {
        response.status(recorded.created() ? Status.CREATED_201 : Status.OK_200);
        response.headers().contentType(MediaTypes.APPLICATION_JSON);
        response.send(
            JSONB.toJson(RecordedHistoryResponse.of(recorded)).getBytes(StandardCharsets.UTF_8));
      }
      case Outcome.Rejected rejected -> throw rejection(rejected.rejection());
      case Outcome.Forbidden forbidden -> throw ApiProblem.of(Status.FORBIDDEN_403, forbidden.reason());
      case Outcome.InSeveralWorkspaces several -> throw inSeveralWorkspaces(several.workspaces());
      case Outcome.Contended contended ->
          throw ApiProblem.of(
              Status.CONFLICT_409,
              "Other writers kept changing this execution ("
                  + contended.attempts()
                  + " attempts); send the batch again.");
    }
  }

  /** Rule breaks that depend on what is stored are conflicts; a batch wrong in itself is 422. */
  private static ApiProblem rejection(BatchRejection rejection) {
    return switch (rejection) {
      case BatchRejection.Gap gap ->
          ApiProblem.aboutEvent(
              Status.CONFLICT_409, gap.reason(), gap.eventId().value(), gap.expected().value());
      case BatchRejection.Conflict conflict ->
          ApiProblem.aboutEvent(
              Status.CONFLICT_409,
              conflict.reason(),
              conflict.eventId().value(),
              conflict.expected().value());
      case BatchRejection.AfterClose afterClose ->
          ApiProblem.aboutEvent(
              Status.CONFLICT_409,
              afterClose.reason(),
              afterClose.eventId().value(),
              afterClose.expected().value());
      case BatchRejection.EmptyBatch empty ->
          ApiProblem.of(Status.UNPROCESSABLE_CONTENT_422, empty.reason());
      case BatchRejection.NotStarted notStarted ->
          ApiProblem.aboutEvent(
              Status.UNPROCESSABLE_CONTENT_422,
              notStarted.reason(),
              notStarted.eventId().value(),
              null);
      case BatchRejection.MisplacedStart misplaced ->
          ApiProblem.aboutEvent(
              Status.UNPROCESSABLE_CONTENT_422,
              misplaced.reason(),
              misplaced.eventId().value(),
              null);
    };
  }

  /**
   * The declared type of a body that is not JSON, to be refused (415) rather than guessed at. A
   * body without a content type is read as JSON, which is what tools piping {@code temporal
   * workflow show} into the API send. A form-encoded one is refused like any other: it is what
   * {@code curl --data-binary} declares when not told otherwise, and reading it as JSON would
   * guess at what every other client means by a form.
   */
  private static Optional<String> nonJsonType(ServerRequest request) {
    return request
        .headers()
        .contentType()
        .map(HttpMediaType::mediaType)
        .filter(
            type ->
                !("application".equals(type.type())
                    && ("json".equals(type.subtype()) || type.subtype().endsWith("+json"))))
        .map(MediaType::text);
  }

  /** What to send instead; curl users meet the form type without having asked for it. */
  private static String notJsonDetail(String type) {
    String detail =
        "A history is sent as JSON, not " + type + ": send Content-Type: application/json.";
    return MediaTypes.APPLICATION_FORM_URLENCODED.text().equals(type)
        ? detail
            + " curl declares this form type for --data-binary unless given"
            + " -H 'Content-Type: application/json'."
        : detail;
  }

  private static ExecutionId executionId(ExecutionPath path) {
    String text = path.id();
    return ExecutionId.parse(text)
        .orElseThrow(
            () ->
                ApiProblem.of(
                    Status.BAD_REQUEST_400,
                    "The execution id is malformed; accepted forms: " + ExecutionId.ACCEPTED_FORMS));
  }

  /**
   * The workspace named by the path or the {@code workspace_id} query parameter; naming two
   * different ones is a bad request.
   */
  private static Optional<WorkspaceId> workspace(ExecutionPath path, ServerRequest request) {
    Optional<WorkspaceId> fromPath = path.workspace().map(WorkflowExecutionService::workspaceId);
    List<WorkspaceId> queried =
        request.query().all(WORKSPACE_QUERY, List::of).stream()
            .map(WorkflowExecutionService::workspaceId)
            .distinct()
            .toList();
    if (queried.size() > 1) {
      throw ApiProblem.of(Status.BAD_REQUEST_400, "The query names more than one workspace_id.");
    }
    Optional<WorkspaceId> fromQuery = queried.stream().findFirst();
    if (fromPath.isPresent() && fromQuery.isPresent() && !fromPath.equals(fromQuery)) {
      throw ApiProblem.of(
          Status.BAD_REQUEST_400, "The path and the workspace_id query name different workspaces.");
    }
    return fromPath.or(() -> fromQuery);
  }

  /** The run named by the {@code run_id} query parameter, if any. */
  private static Optional<RunId> run(ServerRequest request) {
    List<String> named = request.query().all(RUN_QUERY, List::of).stream().distinct().toList();
    if (named.size() > 1) {
      throw ApiProblem.of(Status.BAD_REQUEST_400, "The query names more than one run_id.");
    }
    return named.stream()
        .findFirst()
        .map(
            text ->
                RunId.parse(text)
                    .orElseThrow(
                        () ->
                            ApiProblem.of(
                                Status.BAD_REQUEST_400,
                                "The run_id is malformed; it must be " + RunId.ACCEPTED_FORM + ".")));
  }

  private static WorkspaceId workspaceId(String text) {
    return WorkspaceId.parse(text)
        .orElseThrow(
            () ->
                ApiProblem.of(
                    Status.BAD_REQUEST_400,
                    "The workspace id is malformed; it must be " + WorkspaceId.ACCEPTED_FORM + "."));
  }
}
