package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.completed;
import static dev.wfx.adapter.rest.testing.TemporalJson.event;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static dev.wfx.adapter.rest.testing.TemporalJson.workflowTaskScheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.error.RequestIds;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TemporalJson;
import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import dev.wfx.domain.execution.ExecutionId;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every behaviour of the workflow-execution resource over HTTP (spec §3, §4, §7); the subclasses
 * run it without a socket and with one. Documents are hand-built here, so reads do not depend on
 * the domain's renderer.
 */
abstract class AbstractWorkflowExecutionApiTest {

  static final ApiFixture FIXTURE = new ApiFixture();
  static final String PROBLEM_JSON = "application/problem+json";

  private final Http1Client client;

  AbstractWorkflowExecutionApiTest(Http1Client client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, FIXTURE.handBuiltDocuments());
  }

  /** The two prefixes a resource path may take; the workspace one names the key's workspace. */
  static Stream<String> prefixes() {
    return Stream.of("", "/workspaces/ws-a");
  }

  static String encode(String id) {
    return id.replace("/", "%2F");
  }

  Http1ClientResponse get(String path, String key) {
    Http1ClientRequest request = client.get(path).skipUriEncoding(true);
    if (key != null) {
      request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    }
    return request.request();
  }

  Http1ClientResponse post(String path, String key, String body) {
    Http1ClientRequest request =
        client.post(path).skipUriEncoding(true).contentType(MediaTypes.APPLICATION_JSON);
    if (key != null) {
      request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    }
    return request.submit(body);
  }

  static String text(Http1ClientResponse response) {
    try (response) {
      return response.as(String.class);
    }
  }

  /** Asserts a problem document with that status, and returns its body. */
  static String assertProblem(Http1ClientResponse response, Status status) {
    assertEquals(status, response.status());
    assertEquals(PROBLEM_JSON, response.headers().contentType().orElseThrow().text());
    String body = text(response);
    assertTrue(
        body.startsWith("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
            + status.code() + ",\"detail\":\""),
        body);
    // Every problem names its request, as the X-Request-Id header does; the rest of the body is
    // what the tests compare.
    String requestId = response.headers().get(RequestIds.HEADER).get();
    String member = ",\"request_id\":\"" + requestId + "\"}";
    assertTrue(body.endsWith(member), body);
    return body.substring(0, body.length() - member.length()) + "}";
  }

  /** Creates an execution in the key's workspace from a started event and hidden events up to {@code length}. */
  String create(String prefix, String id, int length) {
    String[] events = new String[length];
    events[0] = started(1);
    for (int i = 2; i <= length; i++) {
      events[i - 1] = workflowTaskScheduled(i);
    }
    Http1ClientResponse response =
        post(prefix + "/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberA, history(events));
    assertEquals(Status.CREATED_201, response.status(), () -> text(response));
    return text(response);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAFirstBatch_whenPosted_thenTheExecutionIsCreated(String prefix) {
    String id = ApiFixture.tracecatId('/');

    String body = create(prefix, id, 3);

    assertEquals(
        "{\"id\":\"" + id + "\",\"history_length\":3,\"status\":\"RUNNING\",\"appended\":3,\"duplicates\":0,"
            + "\"run_id\":\"" + TemporalJson.RUN_ID + "\"}",
        body);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenALaterBatchWithResentEvents_whenPosted_thenNewOnesAreAppendedAndOthersCounted(String prefix) {
    String id = ApiFixture.tracecatId('/');
    create(prefix, id, 2);

    Http1ClientResponse response =
        post(
            prefix + "/workflow-executions/" + encode(id) + "/history",
            FIXTURE.serviceMemberA,
            history(workflowTaskScheduled(2), workflowTaskScheduled(3), completed(4)));

    assertEquals(Status.OK_200, response.status());
    assertEquals(
        "{\"id\":\"" + id + "\",\"history_length\":4,\"status\":\"COMPLETED\",\"appended\":2,\"duplicates\":1,"
            + "\"run_id\":\"" + TemporalJson.RUN_ID + "\"}",
        text(response));
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenARecordedExecution_whenRead_thenTheDocumentIsServed(String prefix) {
    String id = ApiFixture.tracecatId('/');
    create(prefix, id, 2);

    Http1ClientResponse response = get(prefix + "/workflow-executions/" + encode(id), FIXTURE.userMemberA);

    assertEquals(Status.OK_200, response.status());
    assertEquals("application/json", response.headers().contentType().orElseThrow().mediaType().text());
    String body = text(response);
    assertTrue(body.startsWith("{\"id\":\"" + id + "\",\"run_id\":"), body);
    assertTrue(body.contains("\"action_input\":{\"b\":1,\"a\":1.50,\"c\":1e3}"), body);
    assertTrue(body.contains("\"cause\":{\"message\":\"Authorization: Bearer abc\""), body);
    JsonSchemaCheck.assertValidDocument(body);
  }

  /** Every id form of spec §3, fresh for each prefix so that each run creates its execution. */
  static Stream<Arguments> idForms() {
    return prefixes()
        .flatMap(
            prefix -> {
              String hex = ApiFixture.hex32();
              return Stream.of(
                      "wf-" + ApiFixture.hex32() + ":exec-" + hex.substring(0, 12),
                      "wf-" + ApiFixture.hex32() + "/exec-a_b-C",
                      ApiFixture.tracecatId(':'),
                      ApiFixture.tracecatId('/'),
                      ApiFixture.tracecatId('/').substring(0, 25) + "/sch-" + hex + "-2024-05-01T10:00:00Z",
                      "wf-" + ApiFixture.hex32() + ":sch-" + hex + "-2024-05-01T10:00:00.5+02:00",
                      java.util.UUID.randomUUID().toString(),
                      "order.42@shop:v2-" + hex)
                  .map(id -> Arguments.of(prefix, id));
            });
  }

  @ParameterizedTest
  @MethodSource("idForms")
  void givenEveryIdForm_whenRecordedAndRead_thenItIsTheDocumentsId(String prefix, String id) {
    assertTrue(ExecutionId.parse(id).isPresent(), id);
    create(prefix, id, 1);

    String body = text(get(prefix + "/workflow-executions/" + encode(id), FIXTURE.serviceMemberA));

    assertTrue(body.startsWith("{\"id\":\"" + canonical(id) + "\""), body);
  }

  @Test
  void givenAnIdInTwoWorkspaces_whenAnAdminNamesNone_thenA409AsksToNameOneAndANamedOneIsServed() {
    String id = ApiFixture.tracecatId('/');
    String path = "/workflow-executions/" + encode(id);
    assertEquals(Status.CREATED_201, post(path + "/history", FIXTURE.serviceMemberA, history(started(1))).status());
    assertEquals(Status.CREATED_201, post(path + "/history", FIXTURE.serviceMemberB, history(started(1))).status());

    String read = assertProblem(get(path, FIXTURE.userAdminB), Status.CONFLICT_409);
    String write =
        assertProblem(
            post(path + "/history", FIXTURE.userAdminB, history(workflowTaskScheduled(2))),
            Status.CONFLICT_409);

    String detail =
        "The execution id exists in several workspaces (ws-a, ws-b); name one with ?workspace_id="
            + " or /workspaces/{workspace_id}/….";
    assertTrue(read.contains("\"detail\":\"" + detail + "\""), read);
    assertTrue(write.contains("\"detail\":\"" + detail + "\""), write);
    assertEquals(Status.OK_200, get("/workspaces/ws-b" + path, FIXTURE.userAdminB).status());
    assertEquals(Status.OK_200, get(path + "?workspace_id=ws-a", FIXTURE.userAdminB).status());
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenARunId_whenItIsMalformedOrNamedTwice_thenA400AndWhenUnknownTheSame404AsAMissingId(
      String prefix) {
    String id = ApiFixture.tracecatId('/');
    create(prefix, id, 1);
    String path = prefix + "/workflow-executions/" + encode(id);

    String malformed = assertProblem(get(path + "?run_id=%09", FIXTURE.userMemberA), Status.BAD_REQUEST_400);
    assertProblem(get(path + "?run_id=a&run_id=b", FIXTURE.userMemberA), Status.BAD_REQUEST_400);
    String unknown = assertProblem(get(path + "?run_id=other-run", FIXTURE.userMemberA), Status.NOT_FOUND_404);
    String missing =
        assertProblem(
            get(prefix + "/workflow-executions/missing-" + ApiFixture.hex32(), FIXTURE.userMemberA),
            Status.NOT_FOUND_404);

    assertTrue(malformed.contains("The run_id is malformed"), malformed);
    assertEquals(missing, unknown);
    assertEquals(
        Status.OK_200,
        get(path + "?run_id=" + TemporalJson.RUN_ID, FIXTURE.userMemberA).status());
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenATracecatIdRecordedWithOneSeparator_whenReadWithTheOther_thenItIsTheSameExecution(
      String prefix) {
    String colon = ApiFixture.tracecatId(':');
    String slash = colon.replace(':', '/');
    create(prefix, colon, 1);

    String body = text(get(prefix + "/workflow-executions/" + encode(slash), FIXTURE.serviceMemberA));

    assertTrue(body.startsWith("{\"id\":\"" + slash + "\""), body);
  }

  private static String canonical(String id) {
    return ExecutionId.parse(id).orElseThrow().value();
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAnIdWithADoubleEncodedSlash_whenReadAndWritten_thenItIsTheSameExecution(String prefix) {
    String id = ApiFixture.tracecatId('/');
    String twice = id.replace("/", "%252F");

    Http1ClientResponse created =
        post(prefix + "/workflow-executions/" + twice + "/history", FIXTURE.serviceMemberA, history(started(1)));
    Http1ClientResponse read = get(prefix + "/workflow-executions/" + twice, FIXTURE.serviceMemberA);

    assertEquals(Status.CREATED_201, created.status());
    assertTrue(text(created).startsWith("{\"id\":\"" + id + "\""));
    assertEquals(Status.OK_200, read.status());
    assertTrue(text(read).startsWith("{\"id\":\"" + id + "\""));
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAMalformedId_whenRead_then400ListsTheAcceptedForms(String prefix) {
    String body =
        assertProblem(get(prefix + "/workflow-executions/-starts-with-dash", FIXTURE.userMemberA), Status.BAD_REQUEST_400);

    assertTrue(body.contains(ExecutionId.ACCEPTED_FORMS.replace("\\", "\\\\")), body);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAMalformedIdOnPost_whenPosted_then400(String prefix) {
    assertProblem(
        post(prefix + "/workflow-executions/a%20b/history", FIXTURE.serviceMemberA, history(started(1))),
        Status.BAD_REQUEST_400);
  }

  @Test
  void givenABadWorkspaceQuery_whenRead_then400() {
    String id = ApiFixture.tracecatId('/');

    String body =
        assertProblem(
            get("/workflow-executions/" + encode(id) + "?workspace_id=bad%20ws", FIXTURE.userMemberA),
            Status.BAD_REQUEST_400);

    assertTrue(body.contains("workspace id is malformed"), body);
  }

  /** Issue #12: an admin could file executions under workspaces named by a dot segment. */
  @ParameterizedTest
  @ValueSource(strings = {".", "..", "%2E", "%2E%2E", "%2e."})
  void givenADotSegmentForWorkspace_whenAnAdminRecords_then400(String workspace) {
    String id = encode(ApiFixture.tracecatId('/'));

    String inQuery =
        assertProblem(
            post(
                "/workflow-executions/" + id + "/history?workspace_id=" + workspace,
                FIXTURE.userAdminB,
                history(started(1))),
            Status.BAD_REQUEST_400);
    assertTrue(inQuery.contains("workspace id is malformed"), inQuery);
    if (workspace.startsWith("%")) {
      assertProblem(
          post(
              "/workspaces/" + workspace + "/workflow-executions/" + id + "/history",
              FIXTURE.userAdminB,
              history(started(1))),
          Status.BAD_REQUEST_400);
    }
  }

  @Test
  void givenABadWorkspaceInThePath_whenRead_then400() {
    assertProblem(
        get("/workspaces/bad%20ws/workflow-executions/abc", FIXTURE.userMemberA), Status.BAD_REQUEST_400);
  }

  @Test
  void givenPathAndQueryNamingDifferentWorkspaces_whenRead_then400() {
    assertProblem(
        get("/workspaces/ws-a/workflow-executions/abc?workspace_id=ws-b", FIXTURE.userMemberA),
        Status.BAD_REQUEST_400);
  }

  @Test
  void givenUnknownQueryParameters_whenRead_thenTheyAreIgnored() {
    String id = ApiFixture.tracecatId('/');
    create("", id, 1);

    assertEquals(
        Status.OK_200,
        get("/workflow-executions/" + encode(id) + "?page=2&workspace_id=ws-a", FIXTURE.userMemberA).status());
  }

  static Stream<String> badAuthorizations() {
    return Stream.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Bearer  two-spaces", "Token abc");
  }

  @ParameterizedTest
  @MethodSource("badAuthorizations")
  void givenAMalformedAuthorization_whenRead_then401WithBearerChallenge(String authorization) {
    Http1ClientResponse response =
        client.get("/workflow-executions/abc").header(HeaderNames.AUTHORIZATION, authorization).request();

    assertEquals("Bearer", response.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow());
    assertProblem(response, Status.UNAUTHORIZED_401);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenNoKey_whenReadOrWritten_then401WithBearerChallenge(String prefix) {
    Http1ClientResponse read = get(prefix + "/workflow-executions/abc", null);
    Http1ClientResponse write = post(prefix + "/workflow-executions/abc/history", null, history(started(1)));

    assertEquals("Bearer", read.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow());
    assertProblem(read, Status.UNAUTHORIZED_401);
    assertEquals("Bearer", write.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow());
    assertProblem(write, Status.UNAUTHORIZED_401);
  }

  @Test
  void givenAnUnknownOrRevokedKey_whenRead_then401() {
    assertProblem(get("/workflow-executions/abc", "wfx_unknown"), Status.UNAUTHORIZED_401);
    assertProblem(get("/workflow-executions/abc", FIXTURE.revokedServiceA), Status.UNAUTHORIZED_401);
  }

  @Test
  void givenTheSchemeInOtherCase_whenRead_thenTheKeyIsAccepted() {
    Http1ClientResponse response =
        client
            .get("/workflow-executions/abc")
            .header(HeaderNames.AUTHORIZATION, "bEARER " + FIXTURE.userMemberA)
            .request();

    assertProblem(response, Status.NOT_FOUND_404);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAUserKey_whenWriting_then403(String prefix) {
    String body =
        assertProblem(
            post(prefix + "/workflow-executions/abc/history", FIXTURE.userMemberA, history(started(1))),
            Status.FORBIDDEN_403);

    assertTrue(body.contains("service key or an admin key"), body);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAMissingExecution_whenRead_then404(String prefix) {
    String body = assertProblem(get(prefix + "/workflow-executions/nowhere-" + ApiFixture.hex32(), FIXTURE.userMemberA), Status.NOT_FOUND_404);

    assertEquals(
        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Workflow execution not found\"}",
        body);
  }

  @Test
  void givenAnExecutionInAnotherWorkspace_whenRead_then404IdenticalToMissing() {
    String id = ApiFixture.tracecatId('/');
    Http1ClientResponse created =
        post("/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberB, history(started(1)));
    assertEquals(Status.CREATED_201, created.status());

    String otherWorkspace = assertProblem(get("/workflow-executions/" + encode(id), FIXTURE.userMemberA), Status.NOT_FOUND_404);
    String asked = assertProblem(get("/workflow-executions/" + encode(id) + "?workspace_id=ws-b", FIXTURE.userMemberA), Status.NOT_FOUND_404);
    String missing = assertProblem(get("/workflow-executions/" + encode(ApiFixture.tracecatId('/')), FIXTURE.userMemberA), Status.NOT_FOUND_404);

    assertEquals(missing, otherWorkspace);
    assertEquals(missing, asked);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAGap_whenPosted_then409NamingTheEventAndTheExpectedId(String prefix) {
    String id = ApiFixture.tracecatId('/');
    create(prefix, id, 2);

    String body =
        assertProblem(
            post(prefix + "/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberA, history(workflowTaskScheduled(5))),
            Status.CONFLICT_409);

    assertTrue(body.endsWith("\"event_id\":5,\"expected_event_id\":3}"), body);
    assertTrue(body.contains("event 5 leaves a gap: the expected next event id is 3"), body);
  }

  @Test
  void givenAChangedStoredEvent_whenPosted_then409() {
    String id = ApiFixture.tracecatId('/');
    create("", id, 2);
    String changed = workflowTaskScheduled(2).replace("\"attempt\":1", "\"attempt\":2");

    String body =
        assertProblem(
            post("/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberA, history(changed)),
            Status.CONFLICT_409);

    assertTrue(body.endsWith("\"event_id\":2,\"expected_event_id\":3}"), body);
  }

  @Test
  void givenAnEventAfterClose_whenPosted_then409() {
    String id = ApiFixture.tracecatId('/');
    create("", id, 1);
    post("/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberA, history(completed(2)));

    String body =
        assertProblem(
            post("/workflow-executions/" + encode(id) + "/history", FIXTURE.serviceMemberA, history(workflowTaskScheduled(3))),
            Status.CONFLICT_409);

    assertTrue(body.endsWith("\"event_id\":3,\"expected_event_id\":3}"), body);
  }

  @Test
  void givenAFirstBatchNotOpeningWithStart_whenPosted_then422() {
    String body =
        assertProblem(
            post("/workflow-executions/" + encode(ApiFixture.tracecatId('/')) + "/history", FIXTURE.serviceMemberA,
                history(event(1, "WORKFLOW_TASK_SCHEDULED", "{}"))),
            Status.UNPROCESSABLE_CONTENT_422);

    assertTrue(body.contains("must open with WORKFLOW_EXECUTION_STARTED"), body);
  }

  @Test
  void givenAnEmptyBatch_whenPosted_then422() {
    assertProblem(
        post("/workflow-executions/" + encode(ApiFixture.tracecatId('/')) + "/history", FIXTURE.serviceMemberA, "{\"events\":[]}"),
        Status.UNPROCESSABLE_CONTENT_422);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenMalformedJson_whenPosted_then422(String prefix) {
    String body =
        assertProblem(
            post(prefix + "/workflow-executions/abc/history", FIXTURE.serviceMemberA, "{\"events\":[{\"eventId\":"),
            Status.UNPROCESSABLE_CONTENT_422);

    assertTrue(body.contains("malformed JSON"), body);
  }

  @Test
  void givenAMissingAttribute_whenPosted_then422NamingEventAndField() {
    String scheduled = event(2, "ACTIVITY_TASK_SCHEDULED", "{\"activityId\":\"1\"}");

    String body =
        assertProblem(
            post("/workflow-executions/abc/history", FIXTURE.serviceMemberA, history(started(1), scheduled)),
            Status.UNPROCESSABLE_CONTENT_422);

    assertTrue(body.contains("event 2: activityTaskScheduledEventAttributes.activityType is missing"), body);
  }

  @Test
  void givenABodyOverTheLimit_whenPosted_then413() {
    String padding = " ".repeat((int) ApiFixture.BODY_LIMIT);

    assertProblem(
        post("/workflow-executions/abc/history", FIXTURE.serviceMemberA, history(started(1)) + padding),
        Status.REQUEST_ENTITY_TOO_LARGE_413);
  }

  @Test
  void givenAChunkedBodyOverTheLimit_whenPosted_then413() {
    Http1ClientResponse response =
        client
            .post("/workflow-executions/abc/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .outputStream(
                out -> {
                  out.write(("{\"events\":[" + started(1) + "],\"pad\":\"").getBytes(StandardCharsets.UTF_8));
                  out.write("a".repeat((int) ApiFixture.BODY_LIMIT).getBytes(StandardCharsets.US_ASCII));
                  out.close();
                });

    assertProblem(response, Status.REQUEST_ENTITY_TOO_LARGE_413);
  }

  @Test
  void givenAnotherContentType_whenPosted_then415() {
    Http1ClientResponse response =
        client
            .post("/workflow-executions/abc/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.TEXT_PLAIN)
            .submit(history(started(1)));

    String body = assertProblem(response, Status.UNSUPPORTED_MEDIA_TYPE_415);
    assertTrue(
        body.contains("\"detail\":\"A history is sent as JSON, not text/plain: send Content-Type: application/json.\""),
        body);
  }

  @Test
  void givenCurlsDefaultFormContentType_whenPosted_then415SayingToSendJson() {
    String id = ApiFixture.tracecatId('/').replace("/", "%2F");
    Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id + "/history")
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .contentType(MediaTypes.APPLICATION_FORM_URLENCODED)
            .submit(history(started(1)).getBytes(StandardCharsets.UTF_8));

    assertEquals(
        "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,"
            + "\"detail\":\"A history is sent as JSON, not application/x-www-form-urlencoded: send"
            + " Content-Type: application/json. curl declares this form type for --data-binary unless"
            + " given -H 'Content-Type: application/json'.\"}",
        assertProblem(response, Status.UNSUPPORTED_MEDIA_TYPE_415));
    assertProblem(get("/workflow-executions/" + id, FIXTURE.userMemberA), Status.NOT_FOUND_404);
  }

  @Test
  void givenAWrongMethod_whenCalled_then405WithAllow() {
    Http1ClientResponse postToDocument =
        post("/workflow-executions/abc", FIXTURE.serviceMemberA, history(started(1)));
    Http1ClientResponse deleteHistory =
        client
            .method(io.helidon.http.Method.DELETE)
            .path("/workflow-executions/abc/history")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.serviceMemberA)
            .request();

    assertEquals("GET", postToDocument.headers().first(HeaderNames.ALLOW).orElseThrow());
    assertProblem(postToDocument, Status.METHOD_NOT_ALLOWED_405);
    assertEquals("GET, POST", deleteHistory.headers().first(HeaderNames.ALLOW).orElseThrow());
    assertProblem(deleteHistory, Status.METHOD_NOT_ALLOWED_405);
  }

  @Test
  void givenUnknownPaths_whenCalled_then404Problem() {
    String noResource =
        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"There is no resource at this path.\"}";

    assertEquals(noResource, assertProblem(get("/nothing-here", FIXTURE.userMemberA), Status.NOT_FOUND_404));
    assertEquals(noResource, assertProblem(get("/workflow-executions/", FIXTURE.userMemberA), Status.NOT_FOUND_404));
    assertEquals(noResource, assertProblem(get("/workflow-executions/abc/", FIXTURE.userMemberA), Status.NOT_FOUND_404));
    assertProblem(get("/workflow-executions/a/b/c", FIXTURE.userMemberA), Status.NOT_FOUND_404);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void givenAnIdWhoseSlashIsNotEncoded_whenReadOrWritten_then404HintingAtPercent2F(String prefix) {
    String id = ApiFixture.tracecatId('/');
    create(prefix, id, 1);
    String hinted =
        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"There is no resource at this path. An execution id containing '/' is sent"
            + " with it encoded as %2F (wf_<id>%2Fexec_<id>).\"}";

    String read = assertProblem(get(prefix + "/workflow-executions/" + id, FIXTURE.userMemberA), Status.NOT_FOUND_404);
    String written =
        assertProblem(
            post(prefix + "/workflow-executions/" + id + "/history", FIXTURE.serviceMemberA, history(started(1))),
            Status.NOT_FOUND_404);
    String shortId = assertProblem(get(prefix + "/workflow-executions/wf_abc/exec_def", null), Status.NOT_FOUND_404);

    assertEquals(hinted, read);
    assertEquals(hinted, written);
    assertEquals(hinted, shortId);
  }

}
