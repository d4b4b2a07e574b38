package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.domain.access.RoleType;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what (spec §5), over the real server, PostgreSQL and key store: each caller against an
 * execution in workspace A, in workspace B and a missing one, read plainly, read naming each
 * workspace, and written. A read across workspaces never succeeds, and every 404 is the very bytes
 * of the missing execution's 404, so it tells nothing about what exists elsewhere.
 */
class AuthorizationMatrixEndToEndTest {

  private static final String WS_A = "ws-a";
  private static final String WS_B = "ws-b";
  /** Event 1 of every execution here: a first batch, and a duplicate once stored. */
  private static final String FIRST_BATCH =
      TemporalEvents.history(
          TemporalEvents.event(
              1,
              "2024-03-01T10:00:00Z",
              "WORKFLOW_EXECUTION_STARTED",
              "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
                  + "\"input\":{\"payloads\":[]},\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\"}"));

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private static RunningService service;
  private static ApiClient api;
  private static Keys keys;
  private static String missing404;

  /** The keys of the matrix, made by the real use case on the service's key store. */
  private record Keys(
      String userA, String serviceA, String serviceB, String userB, String adminB, String revoked) {}

  @BeforeAll
  static void start() {
    service = RunningService.start();
    api = service.client();
    var revoked = service.issue(RoleType.SERVICE, WS_A, false);
    keys =
        new Keys(
            service.issueKey(RoleType.USER, WS_A, false),
            service.issueKey(RoleType.SERVICE, WS_A, false),
            service.issueKey(RoleType.SERVICE, WS_B, false),
            service.issueKey(RoleType.USER, WS_B, false),
            service.issueKey(RoleType.USER, WS_B, true),
            revoked.secret());
    assertEquals(0, Main.run(List.of("keys", "revoke", revoked.id().value()), service.config(), QUIET, QUIET));
    ApiClient.Answer reference = api.get(path(ApiFixture.tracecatId('/')), keys.userA());
    assertEquals(404, reference.status());
    missing404 = reference.body();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  enum Caller {
    USER_MEMBER_A(k -> k.userA()),
    SERVICE_MEMBER_A(k -> k.serviceA()),
    USER_MEMBER_B(k -> k.userB()),
    ADMIN_OF_B(k -> k.adminB()),
    REVOKED_KEY(k -> k.revoked()),
    UNKNOWN_KEY(k -> "wfx_unknown_0123456789abcdefghijklmnop"),
    NO_HEADER(k -> null);

    private final Function<Keys, String> key;

    Caller(Function<Keys, String> key) {
      this.key = key;
    }
  }

  enum Target {
    IN_A,
    IN_B,
    MISSING
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        // caller, execution, GET, GET ?workspace_id=ws-a, GET ?workspace_id=ws-b, POST
        Arguments.of(Caller.USER_MEMBER_A, Target.IN_A, 200, 200, 404, 403),
        Arguments.of(Caller.USER_MEMBER_A, Target.IN_B, 404, 404, 404, 403),
        Arguments.of(Caller.USER_MEMBER_A, Target.MISSING, 404, 404, 404, 403),
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.IN_A, 200, 200, 404, 200),
        // Executions are keyed by workspace: B's id is no obstacle, A's service records its own.
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.IN_B, 404, 404, 404, 201),
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.MISSING, 404, 404, 404, 201),
        Arguments.of(Caller.USER_MEMBER_B, Target.IN_A, 404, 404, 404, 403),
        Arguments.of(Caller.USER_MEMBER_B, Target.IN_B, 200, 404, 200, 403),
        Arguments.of(Caller.USER_MEMBER_B, Target.MISSING, 404, 404, 404, 403),
        Arguments.of(Caller.ADMIN_OF_B, Target.IN_A, 200, 200, 404, 200),
        Arguments.of(Caller.ADMIN_OF_B, Target.IN_B, 200, 404, 200, 200),
        Arguments.of(Caller.ADMIN_OF_B, Target.MISSING, 404, 404, 404, 201),
        Arguments.of(Caller.REVOKED_KEY, Target.IN_A, 401, 401, 401, 401),
        Arguments.of(Caller.REVOKED_KEY, Target.IN_B, 401, 401, 401, 401),
        Arguments.of(Caller.REVOKED_KEY, Target.MISSING, 401, 401, 401, 401),
        Arguments.of(Caller.UNKNOWN_KEY, Target.IN_A, 401, 401, 401, 401),
        Arguments.of(Caller.UNKNOWN_KEY, Target.IN_B, 401, 401, 401, 401),
        Arguments.of(Caller.UNKNOWN_KEY, Target.MISSING, 401, 401, 401, 401),
        Arguments.of(Caller.NO_HEADER, Target.IN_A, 401, 401, 401, 401),
        Arguments.of(Caller.NO_HEADER, Target.IN_B, 401, 401, 401, 401),
        Arguments.of(Caller.NO_HEADER, Target.MISSING, 401, 401, 401, 401));
  }

  @ParameterizedTest(name = "{0} on an execution {1}: GET {2}, ?ws-a {3}, ?ws-b {4}, POST {5}")
  @MethodSource("matrix")
  void givenACallerAndAnExecution_whenReadAndWritten_thenTheStatusIsAsAllowed(
      Caller caller, Target target, int get, int getInA, int getInB, int post) {
    String id = execution(target);
    String key = caller.key.apply(keys);

    List<Executable> checks = new ArrayList<>();
    check(checks, "GET", get, api.get(path(id), key));
    check(checks, "GET ?workspace_id=ws-a", getInA, api.get(path(id) + "?workspace_id=" + WS_A, key));
    check(checks, "GET ?workspace_id=ws-b", getInB, api.get(path(id) + "?workspace_id=" + WS_B, key));
    check(checks, "POST", post, api.post(path(id) + "/history", key, FIRST_BATCH));
    assertAll(checks);
  }

  private static void check(List<Executable> checks, String request, int expected, ApiClient.Answer answer) {
    checks.add(() -> assertEquals(expected, answer.status(), request + ": " + answer.body()));
    if (expected == 404) {
      checks.add(() -> assertEquals(missing404, answer.body(), request + ": the 404 body"));
      checks.add(() -> assertEquals("application/problem+json", answer.contentType(), request));
    }
    if (expected == 401) {
      checks.add(() -> assertEquals("Bearer", answer.header("WWW-Authenticate"), request));
    }
  }

  /** A fresh execution for each case, recorded by a service of its workspace. */
  private static String execution(Target target) {
    String id = ApiFixture.tracecatId('/');
    String owner =
        switch (target) {
          case IN_A -> keys.serviceA();
          case IN_B -> keys.serviceB();
          case MISSING -> null;
        };
    if (owner != null) {
      assertEquals(201, api.post(path(id) + "/history", owner, FIRST_BATCH).status());
    }
    return id;
  }

  private static String path(String id) {
    return "/workflow-executions/" + id.replace("/", "%2F");
  }
}
