package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.completed;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static dev.wfx.adapter.rest.testing.TemporalJson.workflowTaskScheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TemporalJson;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Entity tags, {@code If-None-Match} and {@code Cache-Control} on documents, and the held
 * renderings behind them: never stale, never shown across workspaces.
 */
@RoutingTest
class ConditionalGetRoutingTest {

  private static final ApiFixture FIXTURE = new ApiFixture();
  private static final AtomicInteger RENDERINGS = new AtomicInteger();
  private static final String IMMUTABLE = "private, max-age=31536000, immutable";

  private final DirectClient client;

  ConditionalGetRoutingTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    GetWorkflowExecution real = new GetWorkflowExecutionService(FIXTURE.executions);
    FIXTURE.routing(
        routing,
        query -> {
          RENDERINGS.incrementAndGet();
          return real.get(query);
        });
  }

  private record Reply(Status status, String entityTag, String cacheControl, String body) {}

  private void post(String id, String body, Status expected) {
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id.replace("/", "%2F") + "/history")
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .submit(body)) {
      assertEquals(expected, response.status());
    }
  }

  private Reply read(String id, String key, String ifNoneMatch) {
    return read(id, "", key, ifNoneMatch);
  }

  private Reply readRun(String id, String key, String ifNoneMatch) {
    return read(id, "?run_id=" + TemporalJson.RUN_ID, key, ifNoneMatch);
  }

  private Reply read(String id, String query, String key, String ifNoneMatch) {
    Http1ClientRequest request =
        client
            .get("/workflow-executions/" + id.replace("/", "%2F") + query)
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    if (ifNoneMatch != null) {
      request.header(HeaderNames.IF_NONE_MATCH, ifNoneMatch);
    }
    try (Http1ClientResponse response = request.request()) {
      return new Reply(
          response.status(),
          response.headers().first(HeaderNames.ETAG).orElse(null),
          response.headers().first(HeaderNames.CACHE_CONTROL).orElse(null),
          response.entity().hasEntity() ? response.as(String.class) : "");
    }
  }

  private String closedExecution() {
    String id = ApiFixture.tracecatId('/');
    post(id, history(started(1), completed(2)), Status.CREATED_201);
    return id;
  }

  @Test
  void givenAClosedRun_whenReadByItsRunId_thenItCarriesAStrongTagAndIsImmutable() {
    String id = closedExecution();

    Reply reply = readRun(id, FIXTURE.userMemberA, null);

    assertEquals(Status.OK_200, reply.status());
    assertTrue(reply.entityTag().matches("\"[^\"]+\""), reply.entityTag());
    assertEquals(IMMUTABLE, reply.cacheControl());
    assertTrue(reply.body().contains("\"history_length\":2"), reply.body());
  }

  @Test
  void givenAClosedRun_whenReadWithoutRunId_thenItIsRevalidatedSinceANewerRunMayCome() {
    String id = closedExecution();

    Reply reply = read(id, FIXTURE.userMemberA, null);

    assertEquals(Status.OK_200, reply.status());
    assertEquals("no-cache", reply.cacheControl());
    assertEquals(reply.entityTag(), readRun(id, FIXTURE.userMemberA, null).entityTag());
  }

  @Test
  void givenALaterRunRecorded_whenReadWithoutRunId_thenTheLatestRunIsServedUnderAnotherTag() {
    String id = closedExecution();
    Reply first = read(id, FIXTURE.userMemberA, null);

    post(
        id,
        history(TemporalJson.startedRun("second-run", "2024-08-15T00:00:00Z")),
        Status.CREATED_201);
    Reply latest = read(id, FIXTURE.userMemberA, first.entityTag());
    Reply older = readRun(id, FIXTURE.userMemberA, first.entityTag());

    assertEquals(Status.OK_200, latest.status());
    assertTrue(latest.body().contains("\"run_id\":\"second-run\""), latest.body());
    assertNotEquals(first.entityTag(), latest.entityTag());
    assertEquals(Status.NOT_MODIFIED_304, older.status());
  }

  @Test
  void givenItsTag_whenAClosedRunIsReadAgainByItsRunId_thenItIsNotModifiedAndNotRendered() {
    String id = closedExecution();
    String tag = readRun(id, FIXTURE.userMemberA, null).entityTag();
    int renderings = RENDERINGS.get();

    Reply reply = readRun(id, FIXTURE.userMemberA, "\"other\", " + tag);

    assertEquals(Status.NOT_MODIFIED_304, reply.status());
    assertEquals(tag, reply.entityTag());
    assertEquals(IMMUTABLE, reply.cacheControl());
    assertEquals("", reply.body());
    assertEquals(renderings, RENDERINGS.get());
  }

  @Test
  void givenAClosedExecutionReadBefore_whenReadAgain_thenTheSameBytesAreServedWithoutRendering() {
    String id = closedExecution();
    String first = readRun(id, FIXTURE.userMemberA, null).body();
    int renderings = RENDERINGS.get();

    Reply again = readRun(id, FIXTURE.userMemberA, null);

    assertEquals(first, again.body());
    assertEquals(renderings, RENDERINGS.get());
  }

  @Test
  void givenARunningExecution_whenItGrowsBetweenReads_thenTheSecondReadIsCurrentUnderANewTag() {
    String id = ApiFixture.tracecatId('/');
    post(id, history(started(1), workflowTaskScheduled(2)), Status.CREATED_201);
    Reply before = read(id, FIXTURE.userMemberA, null);

    post(id, history(workflowTaskScheduled(3)), Status.OK_200);
    Reply after = read(id, FIXTURE.userMemberA, before.entityTag());

    assertEquals("no-cache", before.cacheControl());
    assertTrue(before.body().contains("\"history_length\":2"), before.body());
    assertEquals(Status.OK_200, after.status());
    assertNotEquals(before.entityTag(), after.entityTag());
    assertEquals("no-cache", after.cacheControl());
    assertTrue(after.body().contains("\"history_length\":3"), after.body());
  }

  @Test
  void givenARunningExecutionUnchanged_whenReadWithItsTag_thenItIsNotModifiedAndNotRendered() {
    String id = ApiFixture.tracecatId('/');
    post(id, history(started(1), workflowTaskScheduled(2)), Status.CREATED_201);
    String tag = read(id, FIXTURE.userMemberA, null).entityTag();
    int renderings = RENDERINGS.get();

    Reply reply = read(id, FIXTURE.userMemberA, "W/" + tag);

    assertEquals(Status.NOT_MODIFIED_304, reply.status());
    assertEquals("no-cache", reply.cacheControl());
    assertEquals(renderings, RENDERINGS.get());
  }

  @Test
  void givenADocumentHeldForWorkspaceA_whenAMemberOfWorkspaceBReadsIt_thenItIsNotFound() {
    String id = closedExecution();
    String tag = readRun(id, FIXTURE.userMemberA, null).entityTag();

    Reply plain = readRun(id, FIXTURE.serviceMemberB, null);
    Reply conditional = readRun(id, FIXTURE.serviceMemberB, tag);
    Reply wildcard = read(id, FIXTURE.serviceMemberB, "*");

    assertEquals(Status.NOT_FOUND_404, plain.status());
    assertEquals(Status.NOT_FOUND_404, conditional.status());
    assertEquals(Status.NOT_FOUND_404, wildcard.status());
    assertEquals(null, plain.entityTag());
  }

  @Test
  void givenADocumentHeldForWorkspaceA_whenAnAdminOfWorkspaceBReadsIt_thenItIsServed() {
    String id = closedExecution();
    String body = read(id, FIXTURE.userMemberA, null).body();

    Reply admin = read(id, FIXTURE.userAdminB, null);

    assertEquals(Status.OK_200, admin.status());
    assertEquals(body, admin.body());
  }

  @Test
  void givenAMemberOfWorkspaceANamingWorkspaceB_whenReadingAHeldDocument_thenItIsNotFound() {
    String id = closedExecution();
    readRun(id, FIXTURE.userMemberA, null);

    try (Http1ClientResponse response =
        client
            .get(
                "/workflow-executions/"
                    + id.replace("/", "%2F")
                    + "?workspace_id=ws-b&run_id="
                    + TemporalJson.RUN_ID)
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userMemberA)
            .request()) {
      assertEquals(Status.NOT_FOUND_404, response.status());
    }
  }
}
