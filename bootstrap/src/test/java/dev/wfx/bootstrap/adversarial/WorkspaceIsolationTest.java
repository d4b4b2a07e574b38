package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.workspace.WorkspaceId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workspace isolation over the wire (spec §4, §5): every endpoint, every kind of caller and of
 * broken credentials, executions in the caller's workspace, in another and missing, ids in every
 * encoding. A foreign execution is never visible, and its answer is byte-identical to a missing
 * one's.
 */
class WorkspaceIsolationTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("isolation");

  /** A caller: the header lines it sends, and which workspace it belongs to (null: nobody). */
  enum Caller {
    USER_MEMBER_A(s -> SeededService.bearer(s.userA), "a", false),
    SERVICE_MEMBER_A(s -> SeededService.bearer(s.serviceA), "a", false),
    USER_ADMIN_A(s -> SeededService.bearer(s.adminA), "a", true),
    USER_MEMBER_B(s -> SeededService.bearer(s.userB), "b", false),
    SERVICE_MEMBER_B(s -> SeededService.bearer(s.serviceB), "b", false),
    REVOKED_SERVICE_A(s -> SeededService.bearer(s.revokedA), null, false),
    NO_HEADER(s -> List.of(), null, false),
    WRONG_SCHEME(s -> List.of("Authorization: Basic " + s.serviceA), null, false),
    NO_SCHEME(s -> List.of("Authorization: " + s.serviceA), null, false),
    EMPTY_TOKEN(s -> List.of("Authorization: Bearer "), null, false),
    SCHEME_ONLY(s -> List.of("Authorization: Bearer"), null, false),
    TWO_SPACES(s -> List.of("Authorization: Bearer  " + s.serviceA), null, false),
    KEY_WITH_TAIL(s -> List.of("Authorization: Bearer " + s.serviceA + "x"), null, false),
    KEY_PREFIX(s -> List.of("Authorization: Bearer " + s.serviceA.substring(0, 20)), null, false),
    TWO_HEADERS(
        s -> List.of("Authorization: Bearer " + s.serviceA, "Authorization: Bearer " + s.userB),
        null,
        false),
    VERY_LONG_TOKEN(s -> List.of("Authorization: Bearer " + "k".repeat(8_000)), null, false),
    NON_ASCII_TOKEN(s -> List.of("Authorization: Bearer " + s.serviceA + "\u00e9"), null, false),
    CONTROL_CHARACTER(s -> List.of("Authorization: Bearer " + s.serviceA + "\u0001"), null, false);

    private final Function<SeededService, List<String>> headers;
    private final String workspace;
    private final boolean admin;

    Caller(Function<SeededService, List<String>> headers, String workspace, boolean admin) {
      this.headers = headers;
      this.workspace = workspace;
      this.admin = admin;
    }

    boolean authenticated() {
      return workspace != null;
    }
  }

  /** How the execution id appears in the path. */
  enum Encoding {
    SLASH_AS_2F(id -> id.replace("/", "%2F").replace(":", "%3A")),
    SLASH_AS_LOWER_2F(id -> id.replace("/", "%2f")),
    SLASH_AS_252F(id -> id.replace("/", "%252F")),
    EVERY_BYTE_ENCODED(SeededService::percentEncodeAll);

    private final Function<String, String> encode;

    Encoding(Function<String, String> encode) {
      this.encode = encode;
    }
  }

  /** One request shape: how an id (already encoded) becomes a request. */
  enum Endpoint {
    GET_UNSCOPED,
    GET_QUERY_OWN_WORKSPACE,
    GET_QUERY_OTHER_WORKSPACE,
    GET_PATH_OWN_WORKSPACE,
    GET_PATH_OTHER_WORKSPACE,
    EXPORT_UNSCOPED,
    EXPORT_QUERY_OTHER_WORKSPACE,
    EXPORT_PATH_OWN_WORKSPACE,
    POST_HISTORY,
    GET_AUDIT_OF_EXECUTION;

    String method() {
      return this == POST_HISTORY ? "POST" : "GET";
    }

    String target(String encodedId, Caller caller) {
      String own = "b".equals(caller.workspace) ? "ws-b" : "ws-a";
      String other = own.equals("ws-a") ? "ws-b" : "ws-a";
      return switch (this) {
        case GET_UNSCOPED -> "/workflow-executions/" + encodedId;
        case GET_QUERY_OWN_WORKSPACE -> "/workflow-executions/" + encodedId + "?workspace_id=" + own;
        case GET_QUERY_OTHER_WORKSPACE ->
            "/workflow-executions/" + encodedId + "?workspace_id=" + other;
        case GET_PATH_OWN_WORKSPACE -> "/workspaces/" + own + "/workflow-executions/" + encodedId;
        case GET_PATH_OTHER_WORKSPACE -> "/workspaces/" + other + "/workflow-executions/" + encodedId;
        case EXPORT_UNSCOPED -> "/workflow-executions/" + encodedId + "/history";
        case EXPORT_QUERY_OTHER_WORKSPACE ->
            "/workflow-executions/" + encodedId + "/history?workspace_id=" + other;
        case EXPORT_PATH_OWN_WORKSPACE ->
            "/workspaces/" + own + "/workflow-executions/" + encodedId + "/history";
        case POST_HISTORY -> "/workflow-executions/" + encodedId + "/history";
        case GET_AUDIT_OF_EXECUTION -> "/audit/writes?execution_id=" + encodedId;
      };
    }
  }

  static Stream<Arguments> attacks() {
    List<Arguments> all = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      for (Endpoint endpoint : Endpoint.values()) {
        for (Encoding encoding : Encoding.values()) {
          all.add(Arguments.of(caller, endpoint, encoding));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("attacks")
  void givenACallerAndAnEndpoint_whenAForeignAndAMissingExecutionAreAskedFor_thenTheAnswersAreIdentical(
      Caller caller, Endpoint endpoint, Encoding encoding) {
    boolean legacy = encoding == Encoding.SLASH_AS_2F;
    String inA = legacy ? SERVICE.legacyA : SERVICE.executionA;
    String inB = legacy ? SERVICE.legacyB : SERVICE.executionB;
    String missing = legacy ? Histories.legacyId() : Histories.tracecatId();
    String own = "b".equals(caller.workspace) ? inB : inA;
    String foreign = "b".equals(caller.workspace) ? inA : inB;
    if (endpoint == Endpoint.POST_HISTORY) {
      // Ids are keyed by workspace: a member's write to another workspace's id creates its own.
      // A fresh foreign one each time keeps the seeded ids in one workspace each.
      foreign = legacy ? Histories.legacyId() : Histories.tracecatId();
      SERVICE.seed(foreign, "b".equals(caller.workspace) ? SERVICE.serviceA : SERVICE.serviceB);
    }
    WorkspaceId foreignWorkspace =
        "b".equals(caller.workspace) ? SeededService.WS_A : SeededService.WS_B;
    String storedForeign = SERVICE.stored(foreignWorkspace, foreign);

    RawHttp.Response ownAnswer = send(caller, endpoint, encoding, own);
    RawHttp.Response foreignAnswer = send(caller, endpoint, encoding, foreign);
    RawHttp.Response missingAnswer = send(caller, endpoint, encoding, missing);

    assertEquals(
        storedForeign,
        SERVICE.stored(foreignWorkspace, foreign),
        "the foreign execution is unchanged");
    if (!caller.authenticated()) {
      // 401, or 400 when the header itself is not valid HTTP (a control character).
      assertTrue(ownAnswer.status() == 401 || ownAnswer.status() == 400, ownAnswer::comparable);
      assertEquals(ownAnswer.comparable(), foreignAnswer.comparable());
      assertEquals(ownAnswer.comparable(), missingAnswer.comparable());
      return;
    }
    if (endpoint == Endpoint.GET_AUDIT_OF_EXECUTION && encoding == Encoding.SLASH_AS_252F) {
      // Double encoding is a path convention (Tracecat's UI); in a query it leaves a '%' in the id.
      assertEquals(400, foreignAnswer.status(), foreignAnswer::comparable);
      assertEquals(missingAnswer.comparable(), foreignAnswer.comparable());
      return;
    }
    if (endpoint == Endpoint.POST_HISTORY) {
      // A member's write is judged in its own workspace alone: a foreign id is answered exactly
      // as a missing one (a service creates its own execution under either; a user is refused).
      if (!caller.admin) {
        assertEquals(
            missingAnswer.comparable().replace(missing, "<id>"),
            foreignAnswer.comparable().replace(foreign, "<id>"));
        assertEquals(
            caller == Caller.SERVICE_MEMBER_A || caller == Caller.SERVICE_MEMBER_B ? 201 : 403,
            foreignAnswer.status(),
            foreignAnswer::comparable);
      }
      return;
    }
    if (caller.admin) {
      boolean scopedAway =
          endpoint == Endpoint.GET_QUERY_OTHER_WORKSPACE
              || endpoint == Endpoint.GET_PATH_OTHER_WORKSPACE
              || endpoint == Endpoint.EXPORT_QUERY_OTHER_WORKSPACE;
      assertEquals(200, (scopedAway ? foreignAnswer : ownAnswer).status(), ownAnswer::comparable);
      return;
    }
    assertEquals(missingAnswer.comparable(), foreignAnswer.comparable());
    assertEquals(
        endpoint == Endpoint.GET_AUDIT_OF_EXECUTION ? 403 : 404,
        foreignAnswer.status(),
        foreignAnswer::comparable);
    boolean ownVisible =
        endpoint == Endpoint.GET_UNSCOPED
            || endpoint == Endpoint.GET_QUERY_OWN_WORKSPACE
            || endpoint == Endpoint.GET_PATH_OWN_WORKSPACE
            || endpoint == Endpoint.EXPORT_UNSCOPED
            || endpoint == Endpoint.EXPORT_PATH_OWN_WORKSPACE;
    if (ownVisible) {
      assertEquals(200, ownAnswer.status(), ownAnswer::comparable);
    } else {
      assertEquals(missingAnswer.comparable(), ownAnswer.comparable());
    }
  }

  @Test
  void givenAnAdminOfAnotherWorkspace_whenItReadsTheAuditTrail_thenItSeesEveryWorkspacesWrites() {
    RawHttp.Response latest =
        SERVICE.clean(TALLY, SERVICE.get("/audit/writes?limit=1000", SERVICE.adminA));

    assertEquals(200, latest.status());
    // Asked for by execution: the refused attacks of the suite, audited too, outnumber the limit.
    for (String id : List.of(SERVICE.executionA, SERVICE.executionB)) {
      String query = "/audit/writes?execution_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
      RawHttp.Response ofExecution = SERVICE.clean(TALLY, SERVICE.get(query, SERVICE.adminA));
      assertEquals(200, ofExecution.status());
      assertEquals(true, ofExecution.text().contains("\"execution_id\":\"" + id + "\""), id);
    }
    for (String secret : SERVICE.secrets()) {
      assertEquals(false, latest.text().contains(secret), "the trail holds no secret");
    }
  }

  private static RawHttp.Response send(
      Caller caller, Endpoint endpoint, Encoding encoding, String id) {
    byte[] body =
        endpoint == Endpoint.POST_HISTORY
            ? Histories.history(List.of(Histories.started(1, "{\"order\":1}"))).getBytes(StandardCharsets.UTF_8)
            : null;
    List<String> headers = new ArrayList<>(caller.headers.apply(SERVICE));
    if (body != null) {
      headers.add("Content-Type: application/json");
    }
    String target = endpoint.target(encoding.encode.apply(id), caller);
    return SERVICE.clean(
        TALLY, RawHttp.send(SERVICE.port(), endpoint.method(), target, headers, body));
  }

  @AfterAll
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
    SERVICE.assertLogsClean();
  }
}
