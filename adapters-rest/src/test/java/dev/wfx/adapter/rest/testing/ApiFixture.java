package dev.wfx.adapter.rest.testing;

import dev.wfx.adapter.rest.RestApi;
import dev.wfx.adapter.rest.execution.RestSettings;
import dev.wfx.application.execution.ExportHistoryService;
import dev.wfx.application.access.AuthenticateCallerService;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.application.access.IssueApiKeyService;
import dev.wfx.application.audit.AuditRefusedWrite;
import dev.wfx.application.audit.AuditRefusedWriteService;
import dev.wfx.application.audit.ListWriteAuditsService;
import dev.wfx.application.execution.GetExecutionVersionService;
import dev.wfx.application.execution.GetWorkflowExecution;
import dev.wfx.domain.execution.Lookup;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.application.execution.RecordHistory;
import dev.wfx.application.execution.RecordHistoryService;
import dev.wfx.application.testing.InMemoryApiKeys;
import dev.wfx.application.testing.InMemoryAuditTrail;
import dev.wfx.application.testing.InMemoryExecutions;
import dev.wfx.domain.access.RoleType;
import dev.wfx.domain.workspace.WorkspaceId;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Assertions;

/**
 * Test fixture: the API wired to the real application services on the in-memory ports, with keys
 * for each kind of caller. Tests share it, so each test works on executions of its own.
 */
public final class ApiFixture {

  public static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  public static final WorkspaceId WS_B = WorkspaceId.of("ws-b");
  /** Small enough for a test to go over it cheaply. */
  public static final long BODY_LIMIT = 256 * 1024;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  public final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
  public final InMemoryExecutions executions = new InMemoryExecutions(auditTrail);
  public final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
  public final RecordHistory recordHistory =
      new RecordHistoryService(executions, auditTrail, Clock.systemUTC());
  public final AuditRefusedWrite auditRefusedWrite =
      new AuditRefusedWriteService(auditTrail, Clock.systemUTC());
  public final AuthenticateCallerService authenticateCaller = new AuthenticateCallerService(apiKeys);
  public final String userMemberA;
  public final String serviceMemberA;
  public final String serviceMemberB;
  public final String userAdminB;
  public final String revokedServiceA;

  public ApiFixture() {
    IssueApiKeyService issue = new IssueApiKeyService(apiKeys, Clock.systemUTC());
    userMemberA = issue.issue(new IssueApiKey.Command(RoleType.USER, WS_A, false)).secret();
    serviceMemberA = issue.issue(new IssueApiKey.Command(RoleType.SERVICE, WS_A, false)).secret();
    serviceMemberB = issue.issue(new IssueApiKey.Command(RoleType.SERVICE, WS_B, false)).secret();
    userAdminB = issue.issue(new IssueApiKey.Command(RoleType.USER, WS_B, true)).secret();
    IssueApiKey.IssuedKey revoked = issue.issue(new IssueApiKey.Command(RoleType.SERVICE, WS_A, false));
    apiKeys.revoke(revoked.id(), Instant.now());
    revokedServiceA = revoked.secret();
  }

  /** The real API on this fixture's use cases, reading documents through {@code reads}. */
  public void routing(HttpRouting.Builder routing, GetWorkflowExecution reads) {
    RestApi.routing(
        routing,
        new RestApi.UseCases(
            reads,
            new GetExecutionVersionService(executions),
            recordHistory,
            auditRefusedWrite,
            authenticateCaller,
            new ListWriteAuditsService(auditTrail),
            new ExportHistoryService(executions)),
        (member, value) -> value.replace("secret", "[REDACTED]"),
        new RestSettings(BODY_LIMIT));
  }

  /** Reads that find executions as the real use case does, and answer a hand-built document. */
  public GetWorkflowExecution handBuiltDocuments() {
    return query ->
        query
            .caller()
            .visibility(query.workspace())
            .map(visibility -> executions.find(query.id(), query.run(), visibility))
            .<GetWorkflowExecution.Result>map(
                lookup ->
                    switch (lookup) {
                      case Lookup.Found<WorkflowExecution> found ->
                          new GetWorkflowExecution.Result.Found(
                              Documents.failedRun(found.value().id()), found.value().workspace());
                      case Lookup.NotFound<WorkflowExecution> notFound ->
                          new GetWorkflowExecution.Result.NotFound();
                      case Lookup.InSeveralWorkspaces<WorkflowExecution> several ->
                          new GetWorkflowExecution.Result.InSeveralWorkspaces(several.workspaces());
                    })
            .orElseGet(GetWorkflowExecution.Result.NotFound::new);
  }

  /** Records {@code history} as a service of workspace A under a fresh id; returns the id. */
  public String recordAsServiceA(DirectClient client, String history) {
    String id = tracecatId('/');
    try (Http1ClientResponse response =
        client
            .post("/workflow-executions/" + id.replace("/", "%2F") + "/history")
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + serviceMemberA)
            .contentType(MediaTypes.APPLICATION_JSON)
            .submit(history)) {
      Assertions.assertEquals(Status.CREATED_201, response.status());
    }
    return id;
  }

  /** The document of {@code id} as a user of workspace A reads it (asserting a 200). */
  public String readAsUserA(DirectClient client, String id) {
    try (Http1ClientResponse response =
        client
            .get("/workflow-executions/" + id.replace("/", "%2F"))
            .skipUriEncoding(true)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + userMemberA)
            .request()) {
      String body = response.as(String.class);
      Assertions.assertEquals(Status.OK_200, response.status(), body);
      return body;
    }
  }

  /** A fresh current-form Tracecat id, {@code wf_<22>/exec_<22>}. */
  public static String tracecatId(char separator) {
    return "wf_" + base62(22) + separator + "exec_" + base62(22);
  }

  private static String base62(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return text.toString();
  }

  public static String hex32() {
    StringBuilder text = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      text.append(Character.forDigit(RANDOM.nextInt(16), 16));
    }
    return text.toString();
  }
}
