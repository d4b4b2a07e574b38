package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.domain.access.RoleType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The re-derivation path: {@code wfx projections rebuild} derives every stored event's projection
 * again from its original, so a projection that is lost or read differently comes back from what
 * Temporal recorded.
 */
class ProjectionRebuildTest {

  @Test
  void givenProjectionsThatLostWhatTheyRead_whenRebuilt_thenTheDocumentIsAgainTheRecordedOne() {
    try (RunningService service =
        RunningService.with().adminKey(RunningService.ADMIN_KEY).documentCacheBytes(0).start()) {
      ApiClient api = service.client();
      String writer = service.issueKey(RoleType.SERVICE, "ws-a", false);
      String id = ApiFixture.tracecatId('/');
      String path = "/workflow-executions/" + id.replace("/", "%2F");
      String history = TestData.read(TestData.history("cancel_fake_progress_history.json"));
      assertEquals(201, api.post(path + "/history", writer, history).status());
      String recorded = api.get(path, writer).body();

      service.execute(
          "UPDATE history_events SET payload = NULL, payload_encoding = NULL, payload_size = NULL,"
              + " attributes = CAST(jsonb_set(CAST(attributes AS jsonb), '{activityType}',"
              + " '\"lost\"') AS json) WHERE kind = 'activity_scheduled'");
      String damaged = api.get(path, writer).body();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status =
          Main.run(
              List.of("projections", "rebuild"),
              service.config(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              System.err);

      assertNotEquals(recorded, damaged, "the damage shows in the document");
      assertEquals(0, status);
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.startsWith("Derived "), printed);
      assertTrue(!printed.contains(" 0 projections changed"), printed);
      assertEquals(recorded, api.get(path, writer).body());
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      Main.run(
          List.of("projections", "rebuild"),
          service.config(),
          new PrintStream(again, true, StandardCharsets.UTF_8),
          System.err);
      assertTrue(
          again.toString(StandardCharsets.UTF_8).contains(" 0 projections changed"),
          "a rebuild that has nothing to change writes nothing: " + again);
    }
  }
}
