package dev.wfx.adapter.rest.execution;

import static dev.wfx.adapter.rest.testing.TemporalJson.completed;
import static dev.wfx.adapter.rest.testing.TemporalJson.event;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.jsonPayloads;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.ApiFixture;
import dev.wfx.adapter.rest.testing.JsonSchemaCheck;
import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.application.execution.GetWorkflowExecutionService;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/**
 * Reads through the real {@link GetWorkflowExecutionService}, so through the domain's renderer
 * ({@code ExecutionDocuments.render}): these pass once the document view has landed.
 */
@RoutingTest
class RealRendererGetRoutingTest {

  private static final ApiFixture FIXTURE = new ApiFixture();

  private final DirectClient client;

  RealRendererGetRoutingTest(DirectClient client) {
    this.client = client;
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    FIXTURE.routing(routing, new GetWorkflowExecutionService(FIXTURE.executions));
  }

  private String record(String history) {
    return FIXTURE.recordAsServiceA(client, history);
  }

  private String read(String id) {
    return FIXTURE.readAsUserA(client, id);
  }

  @Test
  void givenARecordedRun_whenRead_thenTheRenderedDocumentIsServedAndValid() {
    String id = FIXTURE.recordAsServiceA(client, history(started(1), completed(2)));

    String body = FIXTURE.readAsUserA(client, id);

    assertTrue(body.startsWith("{\"id\":\"" + id + "\",\"run_id\":\"b9d2c3ad-e03e-49e4-857e-1939d9d32f5e\""), body);
    assertTrue(body.contains("\"status\":\"COMPLETED\""), body);
    assertTrue(body.contains("\"history_length\":2"), body);
    JsonSchemaCheck.assertValidDocument(body);
  }

  @Test
  void givenARetryPolicyWrittenAsDoubles_whenRead_thenItShowsTheWholeNumbers() {
    String input =
        "{\"task\":{\"ref\":\"call_api\",\"action\":\"core.http_request\","
            + "\"retry_policy\":{\"max_attempts\":3.0,\"timeout\":45.0,\"retry_until\":null}}}";
    String scheduled =
        event(
            2,
            "ACTIVITY_TASK_SCHEDULED",
            "{\"activityId\":\"2\",\"activityType\":{\"name\":\"run_action_activity\"},\"input\":"
                + jsonPayloads(input)
                + "}");

    String body = FIXTURE.readAsUserA(client, FIXTURE.recordAsServiceA(client, history(started(1), scheduled)));

    assertTrue(
        body.contains("\"retry_policy\":{\"max_attempts\":3,\"timeout\":45,\"retry_until\":null}"), body);
    JsonSchemaCheck.assertValidDocument(body);
  }

  @Test
  void givenAnEventWithoutTaskId_whenRead_thenItsTaskIdIs0() {
    String body = FIXTURE.readAsUserA(client, FIXTURE.recordAsServiceA(client, history(started(1).replace("\"taskId\":\"1048001\",", ""))));

    assertTrue(body.contains("\"event_id\":1,\"event_time\":\"2024-08-14T03:50:59.998228Z\","
        + "\"event_type\":\"WORKFLOW_EXECUTION_STARTED\",\"task_id\":0,"), body);
    JsonSchemaCheck.assertValidDocument(body);
  }

  @Test
  void givenEachSharedHistory_whenRecordedAndRead_thenTheDocumentMatchesTheSchema() {
    for (var file : TestData.histories()) {
      String id = FIXTURE.recordAsServiceA(client, TestData.read(file));

      JsonSchemaCheck.assertValidDocument(FIXTURE.readAsUserA(client, id));
    }
  }
}
