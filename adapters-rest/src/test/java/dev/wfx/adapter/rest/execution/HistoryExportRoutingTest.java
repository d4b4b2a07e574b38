package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.completed;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static dev.wfx.adapter.rest.testing.TemporalJson.workflowTaskScheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TemporalJson;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import dev.wfx.application.testing.AuditEntries;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.testing.Events;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET …/history}: the stored history in Temporal's canonical JSON, whatever spelling it came
 * in; recorded again elsewhere it gives the same document and the same export.
 */
@RoutingTest
class HistoryExportRoutingTest {

  private static final ApiFixture FIXTURE = new ApiFixture();

  private final DirectClient client;

  HistoryExportRoutingTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, new GetWorkflowExecutionService(FIXTURE.executions));
  }

  private record Reply(Status status, String entityTag, String contentType, String body) {}

  private Reply get(String path, String key, String ifNoneMatch) {
    Http1ClientRequest request =
        client.get(path).skipUriEncoding(true).header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    if (ifNoneMatch != null) {
      request.header(HeaderNames.IF_NONE_MATCH, ifNoneMatch);
    }
    try (Http1ClientResponse response = request.request()) {
      return new Reply(
          response.status(),
          response.headers().first(HeaderNames.ETAG).orElse(null),
          response.headers().contentType().map(type -> type.mediaType().text()).orElse(null),
          response.entity().hasEntity() ? response.as(String.class) : "");
    }
  }

  private Status post(String id, String key, String body) {
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id.replace("/", "%2F") + "/history")
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + key)
            .contentType(MediaTypes.APPLICATION_JSON)
            .submit(body)) {
      return response.status();
    }
  }

  private static String path(String id) {
    return "/workflow-executions/" + id.replace("/", "%2F");
  }

  /** The same history as an older tool prints it: CamelCase event types, numbers for ids. */
  private static String olderSpelling(String history) {
    return history
        .replace("\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\"", "\"WorkflowExecutionStarted\"")
        .replace("\"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED\"", "\"WorkflowTaskScheduled\"")
        .replace("\"EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED\"", "\"WorkflowExecutionCompleted\"")
        .replaceAll("\"eventId\":\"(\\d+)\"", "\"eventId\":$1")
        .replaceAll("\"taskId\":\"(\\d+)\"", "\"taskId\":$1");
  }

  @Test
  void givenAHistoryInAnOlderSpelling_whenExported_thenItIsTemporalsCanonicalJson() {
    String recorded = olderSpelling(history(started(1), workflowTaskScheduled(2), completed(3)));
    String id = ApiFixture.tracecatId('/');
    assertEquals(Status.CREATED_201, post(id, FIXTURE.serviceMemberA, recorded));

    Reply export = get(path(id) + "/history", FIXTURE.userMemberA, null);

    assertEquals(Status.OK_200, export.status());
    assertEquals("application/json", export.contentType());
    assertTrue(export.entityTag().matches("\"[^\"]+\""), export.entityTag());
    assertTrue(
        export.body().startsWith(
            "{\"events\":[{\"eventId\":\"1\",\"eventTime\":\"2024-08-14T03:50:59.998228Z\","
                + "\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\",\"taskId\":\"1048001\","
                + "\"workflowExecutionStartedEventAttributes\":{\"workflowType\":{\"name\":\"DSLWorkflow\"}"),
        export.body());
    assertTrue(export.body().contains("\"eventType\":\"EVENT_TYPE_WORKFLOW_TASK_SCHEDULED\""));
    assertTrue(export.body().endsWith("}]}"), export.body());
  }

  @Test
  void givenAnExport_whenRecordedUnderAnotherId_thenTheDocumentAndTheExportAreTheSame() {
    String first = ApiFixture.tracecatId('/');
    assertEquals(
        Status.CREATED_201,
        post(first, FIXTURE.serviceMemberA, olderSpelling(history(started(1), completed(2)))));
    String export = get(path(first) + "/history", FIXTURE.userMemberA, null).body();
    String second = ApiFixture.tracecatId('/');

    assertEquals(Status.CREATED_201, post(second, FIXTURE.serviceMemberA, export));

    String firstDocument = get(path(first), FIXTURE.userMemberA, null).body();
    String secondDocument = get(path(second), FIXTURE.userMemberA, null).body();
    assertEquals(firstDocument.replace(first, "<id>"), secondDocument.replace(second, "<id>"));
    assertEquals(export, get(path(second) + "/history", FIXTURE.userMemberA, null).body());
  }

  @Test
  void givenItsTag_whenTheExportIsAskedAgain_thenItIsNotModifiedUntilTheRunGrows() {
    String id = ApiFixture.tracecatId('/');
    post(id, FIXTURE.serviceMemberA, history(started(1), workflowTaskScheduled(2)));
    Reply first = get(path(id) + "/history", FIXTURE.userMemberA, null);

    Reply same = get(path(id) + "/history", FIXTURE.userMemberA, first.entityTag());
    post(id, FIXTURE.serviceMemberA, history(workflowTaskScheduled(3)));
    Reply grown = get(path(id) + "/history", FIXTURE.userMemberA, first.entityTag());

    assertEquals(Status.NOT_MODIFIED_304, same.status());
    assertEquals(first.entityTag(), same.entityTag());
    assertEquals(Status.OK_200, grown.status());
    assertFalse(first.entityTag().equals(grown.entityTag()));
    assertFalse(
        first.entityTag().equals(get(path(id), FIXTURE.userMemberA, null).entityTag()),
        "the document and the export of one run never share a tag");
  }

  @Test
  void givenSeveralRuns_whenExportedWithAndWithoutRunId_thenTheNamedOrTheLatestRunComes() {
    String id = ApiFixture.tracecatId('/');
    post(id, FIXTURE.serviceMemberA, history(started(1), completed(2)));
    post(
        id,
        FIXTURE.serviceMemberA,
        history(TemporalJson.startedRun("second-run", "2024-08-15T00:00:00Z")));

    String latest = get(path(id) + "/history", FIXTURE.userMemberA, null).body();
    String named =
        get(path(id) + "/history?run_id=" + TemporalJson.RUN_ID, FIXTURE.userMemberA, null).body();
    Reply unknown = get(path(id) + "/history?run_id=nope", FIXTURE.userMemberA, null);

    assertTrue(latest.contains("\"originalExecutionRunId\":\"second-run\""), latest);
    assertFalse(latest.contains("EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED"), latest);
    assertTrue(named.contains("EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED"), named);
    assertEquals(Status.NOT_FOUND_404, unknown.status());
  }

  @Test
  void givenAnotherWorkspacesRun_whenExported_thenTheAnswerIsTheSameAsForAMissingOne() {
    String id = ApiFixture.tracecatId('/');
    post(id, FIXTURE.serviceMemberB, history(started(1)));

    Reply foreign = get(path(id) + "/history", FIXTURE.userMemberA, null);
    Reply missing = get(path(ApiFixture.tracecatId('/')) + "/history", FIXTURE.userMemberA, null);

    assertEquals(Status.NOT_FOUND_404, foreign.status());
    assertEquals(missing.body().replaceAll("\"request_id\":\"[^\"]*\"", ""),
        foreign.body().replaceAll("\"request_id\":\"[^\"]*\"", ""));
  }

  @Test
  void givenARunStoredWithoutOriginals_whenExported_thenA409SaysSoAndTheDocumentIsStillServed() {
    ExecutionId id = ExecutionId.of(ApiFixture.tracecatId('/'));
    List<HistoryEvent> history = Events.runningHistory(2);
    WorkflowExecution older = WorkflowExecution.restore(id, ApiFixture.WS_A, history);
    FIXTURE.executions.append(older, 0, history, AuditEntries.creating(older));

    Reply export = get(path(id.value()) + "/history", FIXTURE.userMemberA, null);

    assertEquals(Status.CONFLICT_409, export.status());
    assertTrue(export.body().contains(HistoryExports.WITHOUT_ORIGINALS), export.body());
    assertEquals(Status.OK_200, get(path(id.value()), FIXTURE.userMemberA, null).status());
  }
}
