package dev.wfx.adapter.rest.access;

import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TemporalJson;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what (spec §5): every kind of caller against executions in its workspace, in another
 * one, and missing, reading and writing. A read across workspaces never succeeds. Only admins
 * read the audit trail of writes.
 */
@RoutingTest
class AuthorizationMatrixTest {

  private static final ApiFixture FIXTURE = new ApiFixture();
  /** The stored first event; sending it again is an idempotent duplicate. */
  private static final String FIRST_BATCH = history(started(1));

  private final DirectClient client;

  AuthorizationMatrixTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, FIXTURE.handBuiltDocuments());
  }

  enum Caller {
    USER_MEMBER_A(f -> f.userMemberA),
    SERVICE_MEMBER_A(f -> f.serviceMemberA),
    USER_ADMIN_B(f -> f.userAdminB),
    REVOKED_KEY(f -> f.revokedServiceA),
    NO_KEY(f -> null);

    private final Function<ApiFixture, String> key;

    Caller(Function<ApiFixture, String> key) {
      this.key = key;
    }
  }

  enum Target {
    IN_WORKSPACE_A,
    IN_WORKSPACE_B,
    MISSING
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        // caller, target, GET status, POST status
        Arguments.of(Caller.USER_MEMBER_A, Target.IN_WORKSPACE_A, 200, 403),
        Arguments.of(Caller.USER_MEMBER_A, Target.IN_WORKSPACE_B, 404, 403),
        Arguments.of(Caller.USER_MEMBER_A, Target.MISSING, 404, 403),
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.IN_WORKSPACE_A, 200, 200),
        // Keyed by workspace: B's id is no obstacle to A, which writes its own, as for a missing id.
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.IN_WORKSPACE_B, 404, 201),
        Arguments.of(Caller.SERVICE_MEMBER_A, Target.MISSING, 404, 201),
        Arguments.of(Caller.USER_ADMIN_B, Target.IN_WORKSPACE_A, 200, 200),
        Arguments.of(Caller.USER_ADMIN_B, Target.IN_WORKSPACE_B, 200, 200),
        Arguments.of(Caller.USER_ADMIN_B, Target.MISSING, 404, 201),
        Arguments.of(Caller.REVOKED_KEY, Target.IN_WORKSPACE_A, 401, 401),
        Arguments.of(Caller.REVOKED_KEY, Target.IN_WORKSPACE_B, 401, 401),
        Arguments.of(Caller.REVOKED_KEY, Target.MISSING, 401, 401),
        Arguments.of(Caller.NO_KEY, Target.IN_WORKSPACE_A, 401, 401),
        Arguments.of(Caller.NO_KEY, Target.IN_WORKSPACE_B, 401, 401),
        Arguments.of(Caller.NO_KEY, Target.MISSING, 401, 401));
  }

  @ParameterizedTest(name = "{0} on an execution {1}: GET {2}, POST {3}")
  @MethodSource("matrix")
  void givenACallerAndAnExecution_whenReadAndWritten_thenTheStatusIsAsAllowed(
      Caller caller, Target target, int getStatus, int postStatus) {
    String path = "/workflow-executions/" + execution(target).replace("/", "%2F");
    String key = caller.key.apply(FIXTURE);

    assertEquals(getStatus, send(Method.GET, path, key, null), "GET");
    assertEquals(postStatus, send(Method.POST, path + "/history", key, FIRST_BATCH), "POST");
  }

  static Stream<Arguments> auditReaders() {
    return Stream.of(
        Arguments.of(Caller.USER_MEMBER_A, 403),
        Arguments.of(Caller.SERVICE_MEMBER_A, 403),
        Arguments.of(Caller.USER_ADMIN_B, 200),
        Arguments.of(Caller.REVOKED_KEY, 401),
        Arguments.of(Caller.NO_KEY, 401));
  }

  @ParameterizedTest(name = "{0} reads the audit trail: {1}")
  @MethodSource("auditReaders")
  void givenACaller_whenTheAuditTrailIsRead_thenOnlyAnAdminMay(Caller caller, int status) {
    assertEquals(status, send(Method.GET, "/audit/writes", caller.key.apply(FIXTURE), null));
  }

  @Test
  void givenAWrite_whenAnAdminReadsItsAuditTrail_thenTheEntryNamesTheKeyTheBatchAndTheStatus() {
    String id = execution(Target.IN_WORKSPACE_A);
    String keyId = FIXTURE.auditTrail.latest(Optional.empty(), 1).getFirst().caller().keyId().value();

    try (Http1ClientResponse response =
        client
            .get("/audit/writes")
            .queryParam("execution_id", id)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + FIXTURE.userAdminB)
            .request()) {
      String body = response.as(String.class);
      assertEquals(200, response.status().code());
      assertTrue(body.startsWith("{\"writes\":[{\"at\":"), body);
      assertTrue(body.contains("\"key_id\":\"" + keyId + "\""), body);
      assertTrue(
          body.contains(
              "\"execution_id\":\"" + id + "\",\"workspace_id\":\"ws-a\",\"run_id\":\""
                  + TemporalJson.RUN_ID + "\",\"first_event_id\":1,"
                  + "\"last_event_id\":1,\"batch_size\":1,\"appended\":1,\"duplicates\":0,"
                  + "\"outcome\":\"CREATED\",\"status\":201,\"detail\":null}]}"),
          body);
      assertFalse(body.contains(FIXTURE.serviceMemberA), "no secret in the trail");
    }
  }

  @ParameterizedTest(name = "GET /audit/writes?{0} is 400")
  @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "limit=1&limit=2", "execution_id=%20x"})
  void givenABadQuery_whenTheAuditTrailIsRead_thenItIsABadRequest(String query) {
    assertEquals(400, send(Method.GET, "/audit/writes?" + query, FIXTURE.userAdminB, null));
  }

  /** A fresh execution for each case, recorded by a service of its workspace. */
  private String execution(Target target) {
    String id = ApiFixture.tracecatId('/');
    String owner =
        switch (target) {
          case IN_WORKSPACE_A -> FIXTURE.serviceMemberA;
          case IN_WORKSPACE_B -> FIXTURE.serviceMemberB;
          case MISSING -> null;
        };
    if (owner != null) {
      assertEquals(201, send(Method.POST, "/workflow-executions/" + id.replace("/", "%2F") + "/history", owner, FIRST_BATCH));
    }
    return id;
  }

  private int send(Method method, String path, String key, String body) {
    Http1ClientRequest request = client.method(method).path(path).skipUriEncoding(true);
    if (key != null) {
      request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    }
    try (Http1ClientResponse response =
        body == null ? request.request() : request.contentType(MediaTypes.APPLICATION_JSON).submit(body)) {
      return response.status().code();
    }
  }
}
