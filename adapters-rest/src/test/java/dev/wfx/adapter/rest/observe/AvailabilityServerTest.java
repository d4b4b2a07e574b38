package dev.wfx.adapter.rest.observe;

import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.error.RequestIds;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.audit.AuditRefusedWriteService;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import dev.wfx.application.execution.RecordHistoryService;
import dev.wfx.domain.audit.AuditTrail;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.execution.StoredRun;
import dev.wfx.domain.workspace.WorkspaceId;
import dev.wfx.domain.execution.Executions;
import dev.wfx.domain.execution.SaveOutcome;
import dev.wfx.domain.execution.StoreUnavailable;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.execution.WriteAudit;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.workspace.Visibility;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a client sees when the store is down or the service is shutting down: 503 with {@code
 * Retry-After} and a problem naming the request, never a 500; and the request id round trip.
 */
@ServerTest
class AvailabilityServerTest {

  private static final ApiFixture FIXTURE = new ApiFixture();

  private final Http1Client client;

  AvailabilityServerTest(Http1Client client) {
    this.client = client;
  }

  /** A store that cannot be reached, as the persistence adapter reports it. */
  private static final class DownExecutions implements Executions {
    private static StoreUnavailable down() {
      return new StoreUnavailable(
          "the database is unavailable: cannot read",
          new SQLTransientConnectionException("Connection is not available"));
    }

    @Override
    public Lookup<WorkflowExecution> find(
        ExecutionId id, Optional<RunId> run, Visibility visibility) {
      throw down();
    }

    @Override
    public Optional<WorkflowExecution> findForAppend(
        ExecutionId id, WorkspaceId workspace, Optional<RunId> run, EventId from) {
      throw down();
    }

    @Override
    public Lookup<StoredRun> version(ExecutionId id, Optional<RunId> run, Visibility visibility) {
      throw down();
    }

    @Override
    public List<EventOriginal> originals(StoredRun run, EventId from, int limit) {
      throw down();
    }

    @Override
    public SaveOutcome append(
        WorkflowExecution execution,
        long expectedVersion,
        List<HistoryEvent> newEvents,
        WriteAudit audit) {
      throw down();
    }
  }

  /** The audit trail of that store, as down as it. */
  private static final class DownAuditTrail implements AuditTrail {
    @Override
    public void record(WriteAudit entry) {
      throw DownExecutions.down();
    }

    @Override
    public List<WriteAudit> latest(Optional<ExecutionId> execution, int limit) {
      throw DownExecutions.down();
    }

    @Override
    public long forgetBefore(Instant cutoff) {
      throw DownExecutions.down();
    }
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    Executions down = new DownExecutions();
    AuditTrail trailDown = new DownAuditTrail();
    RestApi.routing(
        routing,
        new RestApi.UseCases(
            new GetWorkflowExecutionService(down),
            new GetExecutionVersionService(down),
            new RecordHistoryService(down, trailDown, Clock.systemUTC()),
            new AuditRefusedWriteService(trailDown, Clock.systemUTC()),
            FIXTURE.authenticateCaller,
            new ListWriteAuditsService(trailDown),
            new ExportHistoryService(down)),
        (member, value) -> value,
        new RestSettings(ApiFixture.BODY_LIMIT),
        new ServiceGate(),
        Services.get(MeterRegistry.class));
  }

  @Test
  void givenTheStoreDown_whenRead_then503WithRetryAfterAndARequestId() {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/" + ApiFixture.tracecatId(':'))
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userMemberA)
            .request()) {
      assertUnavailable(response, "database is unavailable");
    }
  }

  @Test
  void givenTheStoreDown_whenPosted_then503WithRetryAfter() {
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + ApiFixture.tracecatId(':') + "/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .submit(history(started(1)))) {
      assertUnavailable(response, "database is unavailable");
    }
  }

  @Test
  void givenTheStoreDown_whenABodyIsRefusedBeforeRecording_then503NotTheRefusalUnaudited() {
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + ApiFixture.tracecatId(':') + "/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.TEXT_PLAIN)
            .submit(history(started(1)))) {
      assertUnavailable(response, "database is unavailable");
    }
  }

  @Test
  void givenASaneRequestId_whenCalled_thenItIsEchoedInTheHeaderAndTheProblem() {
    try (Http1ClientResponse response =
        client.get("/no-such-path").header(RequestIds.HEADER, "trace-42.a:b").request()) {
      assertEquals(Status.NOT_FOUND_404, response.status());
      assertEquals("trace-42.a:b", response.headers().get(RequestIds.HEADER).get());
      assertTrue(response.as(String.class).endsWith(",\"request_id\":\"trace-42.a:b\"}"));
    }
  }

  @Test
  void givenAnInsaneRequestId_whenCalled_thenANewOneIsUsed() {
    try (Http1ClientResponse response =
        client.get("/no-such-path").header(RequestIds.HEADER, "x\" onload=1").request()) {
      String id = response.headers().get(RequestIds.HEADER).get();
      assertFalse(id.contains("\""), id);
      assertTrue(response.as(String.class).contains("\"request_id\":\"" + id + "\""));
    }
  }

  static void assertUnavailable(Http1ClientResponse response, String detail) {
    assertEquals(Status.SERVICE_UNAVAILABLE_503, response.status());
    assertEquals("1", response.headers().get(HeaderNames.RETRY_AFTER).get());
    assertEquals(
        "application/problem+json", response.headers().contentType().orElseThrow().text());
    String id = response.headers().get(RequestIds.HEADER).get();
    String body = response.as(String.class);
    assertTrue(body.contains("\"status\":503"), body);
    assertTrue(body.contains(detail), body);
    assertTrue(body.endsWith(",\"request_id\":\"" + id + "\"}"), body);
    assertFalse(body.contains("SQL"), body);
  }
}
