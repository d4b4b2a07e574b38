package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.event;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static dev.wfx.adapter.rest.testing.TemporalJson.workflowTaskScheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.audit.AuditRefusedWrite;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.RecordHistory;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.execution.WriteOutcome;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A write refused before its batch reaches the recording use case is audited with its caller,
 * execution, outcome and reason, never with the body's content; a write without a key is not.
 */
@RoutingTest
class RefusedWriteAuditRoutingTest {

  private static final ApiFixture FIXTURE = new ApiFixture();
  /** What auditing a refusal throws, when a test sets it; else it audits to the fixture's trail. */
  private static final AtomicReference<RuntimeException> AUDIT_FAILURE = new AtomicReference<>();
  /** What recording a batch throws, when a test sets it; else the fixture's use case records it. */
  private static final AtomicReference<RuntimeException> RECORD_FAILURE = new AtomicReference<>();

  private final DirectClient client;

  RefusedWriteAuditRoutingTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    AuditRefusedWrite failing =
        command -> {
          RuntimeException failure = AUDIT_FAILURE.get();
          if (failure != null) {
            throw failure;
          }
          FIXTURE.auditRefusedWrite.audit(command);
        };
    RecordHistory failingToRecord =
        command -> {
          RuntimeException failure = RECORD_FAILURE.get();
          if (failure != null) {
            throw failure;
          }
          return FIXTURE.recordHistory.record(command);
        };
    RestApi.routing(
        routing,
        new RestApi.UseCases(
            FIXTURE.handBuiltDocuments(),
            new GetExecutionVersionService(FIXTURE.executions),
            failingToRecord,
            failing,
            FIXTURE.authenticateCaller,
            new ListWriteAuditsService(FIXTURE.auditTrail),
            new ExportHistoryService(FIXTURE.executions)),
        (member, value) -> value,
        new RestSettings(ApiFixture.BODY_LIMIT)
            .withWriteLimits(new WriteLimits(MAX_BATCH_EVENTS, 4, 2)));
  }

  private static final int MAX_BATCH_EVENTS = 3;

  @AfterEach
  void auditAndRecordAgain() {
    AUDIT_FAILURE.set(null);
    RECORD_FAILURE.set(null);
  }

  @Test
  void givenABodyOfAnotherType_whenPosted_then415AndAnEntryNamingTheType() {
    String id = ApiFixture.tracecatId(':');

    assertEquals(415, post(id, "ws-a", MediaTypes.TEXT_PLAIN, history(started(1))));

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.UNSUPPORTED_MEDIA_TYPE, entry.outcome());
    assertEquals("the body was declared as text/plain, not JSON", entry.detail());
    assertEquals(keyIdOf(FIXTURE.serviceMemberA), entry.caller().keyId().value());
    assertEquals(ApiFixture.WS_A, entry.workspace());
    assertEquals(0, entry.batchSize());
  }

  @Test
  void givenABodyDeclaredOverTheLimit_whenPosted_then413AndAnEntryWithItsSize() {
    String id = ApiFixture.tracecatId(':');
    String body = history(started(1)) + " ".repeat((int) ApiFixture.BODY_LIMIT);

    assertEquals(413, post(id, null, MediaTypes.APPLICATION_JSON, body));

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.TOO_LARGE, entry.outcome());
    assertEquals(
        "the body of "
            + body.length()
            + " bytes is over the limit of "
            + ApiFixture.BODY_LIMIT
            + " bytes",
        entry.detail());
  }

  @Test
  void givenMoreEventsThanABatchMayHold_whenPosted_then413SayingTheLimitAndAnEntry() {
    String id = ApiFixture.tracecatId(':');
    String body =
        history(started(1), workflowTaskScheduled(2), workflowTaskScheduled(3), workflowTaskScheduled(4));

    try (Http1ClientResponse response = request(id, null, MediaTypes.APPLICATION_JSON, body)) {
      assertEquals(Status.REQUEST_ENTITY_TOO_LARGE_413, response.status());
      String problem = response.as(String.class);
      assertTrue(
          problem.contains("A batch holds at most 3 events; send the history in several batches."),
          problem);
    }

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.TOO_LARGE, entry.outcome());
    assertEquals("the batch holds more than 3 events", entry.detail());
    assertEquals(201, post(id, null, MediaTypes.APPLICATION_JSON, history(started(1))));
  }

  @Test
  void givenAChunkedBodyOverTheLimit_whenPosted_then413AndAnEntry() {
    String id = ApiFixture.tracecatId(':');
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id + "/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .outputStream(
                out -> {
                  out.write(("{\"events\":[" + started(1) + "],\"pad\":\"").getBytes(StandardCharsets.UTF_8));
                  out.write("a".repeat((int) ApiFixture.BODY_LIMIT).getBytes(StandardCharsets.US_ASCII));
                  out.close();
                })) {
      assertEquals(Status.REQUEST_ENTITY_TOO_LARGE_413, response.status());
    }

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.TOO_LARGE, entry.outcome());
    assertEquals("the body went over the limit of " + ApiFixture.BODY_LIMIT + " bytes", entry.detail());
  }

  @Test
  void givenMalformedJson_whenPosted_then422AndAnEntryThatQuotesNothingOfTheBody() {
    String id = ApiFixture.tracecatId(':');
    String body = "{\"events\":[{\"eventId\": s3cr3tT0ken}]}";

    try (Http1ClientResponse response = request(id, null, MediaTypes.APPLICATION_JSON, body)) {
      assertEquals(Status.UNPROCESSABLE_CONTENT_422, response.status());
      // The sender is told what it sent; the trail, read by admins of every workspace, is not.
      assertTrue(response.as(String.class).contains("s3cr3tT0ken"));
    }

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.MALFORMED, entry.outcome());
    assertEquals(
        "not a Temporal history: malformed JSON in the event at index 0 at line 1, column 24",
        entry.detail());
  }

  @Test
  void givenAnEventWithAWrongTime_whenPosted_then422AndAnEntryNamingTheFieldNotTheValue() {
    String id = ApiFixture.tracecatId(':');
    String body = history(started(1)).replace("2024-08-14T03:50:59.998228Z", "s3cr3t-time");

    assertEquals(422, post(id, null, MediaTypes.APPLICATION_JSON, body));

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.MALFORMED, entry.outcome());
    assertEquals(
        "not a Temporal history: event 1: eventTime is not an RFC 3339 timestamp", entry.detail());
  }

  @Test
  void givenAnEventTimeOutOfRange_whenPosted_then422AndAnEntryNamingTheFieldNotTheValue() {
    String id = ApiFixture.tracecatId(':');
    String body = history(started(1)).replace("2024-08-14T03:50:59.998228Z", "+10000-01-01T00:00:00Z");

    assertEquals(422, post(id, null, MediaTypes.APPLICATION_JSON, body));

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.MALFORMED, entry.outcome());
    assertEquals(
        "not a Temporal history: event 1: eventTime is not between 0001-01-01 and 9999-12-31 (UTC)",
        entry.detail());
  }

  @Test
  void givenABatchTheRulesRefuse_whenPosted_thenItIsAuditedOnceByTheUseCase() {
    String id = ApiFixture.tracecatId(':');

    assertEquals(
        422,
        post(id, null, MediaTypes.APPLICATION_JSON, history(event(1, "WORKFLOW_TASK_SCHEDULED", "{}"))));

    assertEquals(WriteOutcome.INVALID, onlyEntry(id).outcome());
  }

  @Test
  void givenNoKeyOrAMalformedId_whenPosted_thenNothingIsAudited() {
    String id = ApiFixture.tracecatId(':');
    int before = FIXTURE.auditTrail.latest(Optional.empty(), 1000).size();

    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id + "/history")
            .contentType(MediaTypes.TEXT_PLAIN)
            .submit("not a history")) {
      assertEquals(Status.UNAUTHORIZED_401, response.status());
    }
    // Longer than any id may be: the write names no execution to file it under.
    assertEquals(400, post("x".repeat(513), null, MediaTypes.TEXT_PLAIN, "not a history"));

    assertEquals(before, FIXTURE.auditTrail.latest(Optional.empty(), 1000).size());
  }

  @Test
  void givenATrailThatIsDown_whenABodyIsRefused_then503NothingUnaudited() {
    AUDIT_FAILURE.set(new StoreUnavailable("the database is unavailable", null));

    try (Http1ClientResponse response =
        request(ApiFixture.tracecatId(':'), null, MediaTypes.TEXT_PLAIN, history(started(1)))) {
      assertEquals(Status.SERVICE_UNAVAILABLE_503, response.status());
      assertEquals("1", response.headers().get(HeaderNames.RETRY_AFTER).get());
    }
  }

  @Test
  void givenATrailThatFailsOtherwise_whenABodyIsRefused_thenTheRefusalIsStillAnswered() {
    AUDIT_FAILURE.set(new IllegalStateException("a fault of the trail"));

    assertEquals(
        415, post(ApiFixture.tracecatId(':'), null, MediaTypes.TEXT_PLAIN, history(started(1))));
  }

  @Test
  void givenTheServiceFailingOnABatch_whenPosted_then500AndAnEntryWithTheBatchNotTheCause() {
    RECORD_FAILURE.set(new IllegalStateException("s3cr3t internals"));
    String id = ApiFixture.tracecatId(':');

    try (Http1ClientResponse response =
        request(id, null, MediaTypes.APPLICATION_JSON, history(started(1)))) {
      assertEquals(Status.INTERNAL_SERVER_ERROR_500, response.status());
      assertFalse(response.as(String.class).contains("s3cr3t"));
    }

    WriteAudit entry = onlyEntry(id);
    assertEquals(WriteOutcome.FAILED, entry.outcome());
    assertEquals("the service failed recording the batch; its log holds the cause", entry.detail());
    assertEquals(keyIdOf(FIXTURE.serviceMemberA), entry.caller().keyId().value());
    assertEquals(1, entry.batchSize());
  }

  @Test
  void givenTheServiceFailingAndTheTrailDown_whenPosted_then503() {
    RECORD_FAILURE.set(new IllegalStateException("a fault of the service"));
    AUDIT_FAILURE.set(new StoreUnavailable("the database is unavailable", null));

    assertEquals(
        503, post(ApiFixture.tracecatId(':'), null, MediaTypes.APPLICATION_JSON, history(started(1))));
  }

  private int post(String id, String workspace, MediaType type, String body) {
    try (Http1ClientResponse response = request(id, workspace, type, body)) {
      return response.status().code();
    }
  }

  /** A POST by the service of workspace A, naming {@code workspace} unless it is null. */
  private Http1ClientResponse request(String id, String workspace, MediaType type, String body) {
    Http1ClientRequest request =
        client
            .post("/workflow-executions/" + id + "/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(type);
    if (workspace != null) {
      request.queryParam("workspace_id", workspace);
    }
    return request.submit(body);
  }

  private static WriteAudit onlyEntry(String id) {
    List<WriteAudit> entries = FIXTURE.auditTrail.latest(Optional.of(ExecutionId.of(id)), 10);
    assertEquals(1, entries.size(), entries::toString);
    WriteAudit entry = entries.getFirst();
    assertFalse(entry.outcome().accepted());
    return entry;
  }

  private static String keyIdOf(String secret) {
    return FIXTURE.authenticateCaller.authenticate(secret).orElseThrow().keyId().value();
  }
}
