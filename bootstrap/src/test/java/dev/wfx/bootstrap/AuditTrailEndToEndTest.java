package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.application.access.IssueApiKey;
import dev.wfx.domain.access.RoleType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 over a real socket and a real PostgreSQL: every write of an authenticated caller, the
 * ones refused before their batch is judged included, is in the audit trail an admin reads back,
 * with its outcome, status and reason, and nothing of the body or the key's secret.
 */
class AuditTrailEndToEndTest {

  private static final String WS = "ws-audit";
  private static final int BODY_LIMIT = 4096;

  private static RunningService service;
  private static ApiClient api;
  private static IssueApiKey.IssuedKey writer;

  @BeforeAll
  static void start() {
    service =
        RunningService.with().adminKey(RunningService.ADMIN_KEY).bodyLimit(BODY_LIMIT).start();
    api = service.client();
    writer = service.issue(RoleType.SERVICE, WS, false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void givenRefusedAndAcceptedPosts_whenAnAdminReadsTheTrail_thenEachIsThereButTheUnauthenticated() {
    String id = ApiFixture.tracecatId('/');
    String path = "/workflow-executions/" + id.replace("/", "%2F") + "/history";
    String secret = "s3cr3t" + ApiFixture.hex32();
    String batch = TemporalEvents.history(started());

    assertEquals(415, api.post(path, writer.secret(), "text/plain", batch).status());
    String tooLarge = batch + " ".repeat(BODY_LIMIT);
    assertEquals(413, api.post(path, writer.secret(), tooLarge).status());
    String malformed = "{\"events\":[{\"eventId\": " + secret + "}]}";
    assertEquals(422, api.post(path, writer.secret(), malformed).status());
    assertEquals(401, api.post(path, null, batch).status());
    assertEquals(201, api.post(path, writer.secret(), batch).status());

    ApiClient.Answer trail =
        api.get(
            "/audit/writes?execution_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8),
            RunningService.ADMIN_KEY);
    assertEquals(200, trail.status(), trail.body());
    List<JsonNode> writes = new ArrayList<>();
    trail.json().path("writes").forEach(writes::add);
    assertEquals(
        List.of(
            "CREATED 201 null",
            "MALFORMED 422 not a Temporal history: malformed JSON in the event at index 0"
                + " at line 1, column 24",
            "TOO_LARGE 413 the body of "
                + tooLarge.length()
                + " bytes is over the limit of "
                + BODY_LIMIT
                + " bytes",
            "UNSUPPORTED_MEDIA_TYPE 415 the body was declared as text/plain, not JSON"),
        writes.stream()
            .map(
                write ->
                    write.path("outcome").asText()
                        + " "
                        + write.path("status").asInt()
                        + " "
                        + (write.path("detail").isNull() ? "null" : write.path("detail").asText()))
            .toList(),
        trail.body());
    for (JsonNode write : writes) {
      assertEquals(writer.id().value(), write.path("key_id").asText(), write.toString());
      assertEquals(id, write.path("execution_id").asText(), write.toString());
      assertEquals(WS, write.path("workspace_id").asText(), write.toString());
    }
    assertEquals(1, writes.getFirst().path("appended").asInt());
    assertFalse(trail.body().contains(secret), "nothing of a body is in the trail");
    assertFalse(trail.body().contains(writer.secret()), "no key secret is in the trail");
  }

  /**
   * Issue #12: a read-only key posting refused writes with a long media type grew the trail by a
   * ~17 KB row each, hundreds a second. Each entry now keeps at most 300 characters of its reason,
   * and past 60 refusals a minute the rest of that minute are counted, not stored one by one.
   */
  @Test
  void givenAReaderFloodingRefusedWrites_whenTheTrailIsRead_thenItGrewByAtMostTheAllowanceOfShortRows() {
    IssueApiKey.IssuedKey reader = service.issue(RoleType.USER, WS, false);
    String id = ApiFixture.tracecatId('/');
    String path = "/workflow-executions/" + id.replace("/", "%2F") + "/history";
    String longType = "text/" + "x".repeat(6000);

    for (int i = 0; i < 150; i++) {
      int status =
          i % 2 == 0
              ? api.post(path, reader.secret(), longType, "{}").status()
              : api.post(path, reader.secret(), TemporalEvents.history(started())).status();
      assertEquals(i % 2 == 0 ? 415 : 403, status);
    }

    ApiClient.Answer trail =
        api.get(
            "/audit/writes?limit=1000&execution_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8),
            RunningService.ADMIN_KEY);
    assertEquals(200, trail.status(), trail.body());
    List<JsonNode> writes = new ArrayList<>();
    trail.json().path("writes").forEach(writes::add);
    assertTrue(writes.size() <= 61, writes.size() + " entries for 150 refusals within a minute");
    assertTrue(writes.size() >= 60, writes.size() + " entries: the first 60 are each recorded");
    for (JsonNode write : writes) {
      assertTrue(write.path("detail").asText().length() <= 300, write.toString());
    }
  }

  private static String started() {
    return TemporalEvents.event(
        1,
        "2024-03-01T10:00:00Z",
        "WORKFLOW_EXECUTION_STARTED",
        "{\"workflowType\":{\"name\":\"DSLWorkflow\"},\"taskQueue\":{\"name\":\"tracecat-task-queue\"},"
            + "\"firstExecutionRunId\":\"5d0d2b1c-0000-4000-8000-000000000001\"}");
  }
}
