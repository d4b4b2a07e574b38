package dev.wfx.bootstrap.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, "id squatting": executions are keyed by (workspace, id), so a service key of workspace
 * A can neither learn whether an id exists in workspace B nor make B's id unusable by creating it
 * first.
 */
class IdSquattingTest {

  private static final SeededService SERVICE = SeededService.get();
  private static final Tally TALLY = Tally.of("squatting");

  private static RawHttp.Response post(String id, String key, String body) {
    return SERVICE.clean(
        TALLY,
        SERVICE.post(SeededService.path(id), key, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static RawHttp.Response get(String target, String key) {
    return SERVICE.clean(TALLY, SERVICE.get(target, key));
  }

  @Test
  void givenAnIdOfWorkspaceB_whenAServiceOfAWritesToIt_thenEveryAnswerIsTheOneForAnUnknownId() {
    String ofB = Histories.tracecatId();
    SERVICE.seed(ofB, SERVICE.serviceB);
    String unknown = Histories.tracecatId();

    for (String batch :
        List.of(
            "{\"events\":[]}",
            Histories.history(List.of(Histories.event(2, "WORKFLOW_TASK_SCHEDULED",
                "workflowTaskScheduledEventAttributes", "{\"taskQueue\":{\"name\":\"q\"}}"))),
            "{\"events\":[{\"eventId\":1}]}")) {
      RawHttp.Response toB = post(ofB, SERVICE.serviceA, batch);
      RawHttp.Response toUnknown = post(unknown, SERVICE.serviceA, batch);

      assertTrue(toB.status() >= 400, toB::comparable);
      assertEquals(toUnknown.comparable(), toB.comparable(), batch);
    }
  }

  @Test
  void givenAnIdCreatedFirstByWorkspaceA_whenWorkspaceBRecordsAndReadsIt_thenBHasItsOwnExecution() {
    String id = Histories.tracecatId();
    String started = Histories.started(1, "{\"recorded_by\":\"a\"}");
    String scheduled =
        Histories.event(
            2,
            "WORKFLOW_TASK_SCHEDULED",
            "workflowTaskScheduledEventAttributes",
            "{\"taskQueue\":{\"name\":\"q\"}}");
    assertEquals(201, post(id, SERVICE.serviceA, Histories.history(List.of(started))).status());

    RawHttp.Response createdByB =
        post(id, SERVICE.serviceB, Histories.history(List.of(started, scheduled)));
    RawHttp.Response readByB = get(SeededService.path(id), SERVICE.userB);
    RawHttp.Response exportByB = get(SeededService.path(id) + "/history", SERVICE.userB);
    RawHttp.Response readByA = get(SeededService.path(id), SERVICE.userA);

    assertEquals(201, createdByB.status(), createdByB::comparable);
    assertEquals(200, readByB.status(), readByB::comparable);
    assertTrue(readByB.text().contains("\"history_length\":2"), readByB.text());
    assertEquals(200, exportByB.status(), exportByB::comparable);
    assertTrue(exportByB.text().contains("EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"), exportByB.text());
    assertTrue(readByA.text().contains("\"history_length\":1"), readByA.text());
    assertFalse(
        get(SeededService.path(id) + "/history", SERVICE.userA).text().contains("WORKFLOW_TASK"));
  }

  @AfterAll
  static void report() {
    System.out.println(TALLY.summary());
    assertEquals(0, TALLY.serverErrors());
  }
}
