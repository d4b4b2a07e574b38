package dev.wfx.adapter.rest.temporal;

import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.history.EventOriginal;
import dev.wfx.domain.history.HistoryEvent;
import io.temporal.api.history.v1.HistoryEvent.AttributesCase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each translated event carries its original: protobuf's, or its JSON when protobuf would lose some. */
class TemporalOriginalsTest {

  private static final TemporalHistoryTranslator TRANSLATOR = new TemporalHistoryTranslator(51_200);

  private static List<HistoryEvent> translated(String body) {
    return assertInstanceOf(Translation.Translated.class, TRANSLATOR.translate(body)).events();
  }

  private static final String FAILED_SNAKE =
      "{\"eventId\":\"2\",\"eventTime\":\"2024-08-14T03:51:00Z\","
          + "\"eventType\":\"EVENT_TYPE_ACTIVITY_TASK_FAILED\",\"taskId\":\"1048002\","
          + "\"activityTaskFailedEventAttributes\":{\"failure\":{\"message\":\"boom\","
          + "\"cause\":{\"message\":\"inner\",\"source\":\"JavaSDK\","
          + "\"applicationFailureInfo\":{\"type\":\"IOError\",\"nonRetryable\":false}}},"
          + "\"scheduledEventId\":\"5\",\"retryState\":\"RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED\"}}";
  // The same event as an older tool writes it: CamelCase enums, numbers, other member order.
  private static final String FAILED_CAMEL =
      "{\"eventId\":2,\"eventTime\":\"2024-08-14T03:51:00.000Z\","
          + "\"eventType\":\"ActivityTaskFailed\",\"taskId\":1048002,"
          + "\"activityTaskFailedEventAttributes\":{\"scheduledEventId\":5,"
          + "\"retryState\":\"MaximumAttemptsReached\",\"failure\":{\"message\":\"boom\","
          + "\"cause\":{\"source\":\"JavaSDK\",\"message\":\"inner\","
          + "\"applicationFailureInfo\":{\"type\":\"IOError\"}}}}}";

  @Test
  void givenOneEventInTwoSpellings_whenTranslated_thenBothHaveTheSameProtobufOriginalAndProjection()
      throws Exception {
    HistoryEvent snake = translated(history(started(1), FAILED_SNAKE)).get(1);
    HistoryEvent camel = translated(history(started(1), FAILED_CAMEL)).get(1);

    EventOriginal original = snake.header().original();
    assertEquals(EventOriginal.Format.TEMPORAL_PROTO, original.format());
    assertEquals(original, camel.header().original());
    var event = io.temporal.api.history.v1.HistoryEvent.parseFrom(original.bytes());
    assertEquals(AttributesCase.ACTIVITY_TASK_FAILED_EVENT_ATTRIBUTES, event.getAttributesCase());
    assertEquals(5, event.getActivityTaskFailedEventAttributes().getScheduledEventId());
    // The typed event is derived from the original, so the document is the same for both.
    HistoryEvent.ActivityClosed failed = (HistoryEvent.ActivityClosed) snake;
    assertEquals(failed.failure(), ((HistoryEvent.ActivityClosed) camel).failure());
    assertEquals(
        "{\"message\":\"inner\",\"source\":\"JavaSDK\",\"applicationFailureInfo\":{\"type\":\"IOError\"}}",
        failed.failure().cause().text());
    // The fingerprint still keeps the spelling that was sent (the duplicate rule is unchanged).
    assertTrue(!snake.header().fingerprint().equals(camel.header().fingerprint()));
  }

  @Test
  void givenAFieldProtobufDoesNotKnow_whenTranslated_thenTheOriginalIsTheEventsJsonWithIt() {
    String newer =
        started(1)
            .replace(
                "\"workflowType\":{\"name\":\"DSLWorkflow\"}",
                "\"workflowType\":{\"name\":\"DSLWorkflow\"},\"fieldOfANewerTemporal\":{\"x\":1}");

    HistoryEvent event = translated(history(newer)).getFirst();

    EventOriginal original = event.header().original();
    assertEquals(EventOriginal.Format.TEMPORAL_JSON, original.format());
    String json = new String(original.bytes(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"fieldOfANewerTemporal\":{\"x\":1}"), json);
    assertEquals(json, TemporalOriginals.canonicalJson(original));
    assertEquals("DSLWorkflow", ((HistoryEvent.WorkflowStarted) event).workflowType());
  }

  @Test
  void givenAnEventTypeProtobufDoesNotKnow_whenTranslated_thenItIsKeptAsItsJson() {
    String unknown =
        "{\"eventId\":\"2\",\"eventTime\":\"2024-08-14T03:51:00Z\","
            + "\"eventType\":\"EVENT_TYPE_SOMETHING_NEW\",\"taskId\":\"7\","
            + "\"somethingNewEventAttributes\":{\"a\":1}}";

    HistoryEvent event = translated(history(started(1), unknown)).get(1);

    assertEquals(EventOriginal.Format.TEMPORAL_JSON, event.header().original().format());
    assertTrue(
        TemporalOriginals.canonicalJson(event.header().original())
            .contains("\"somethingNewEventAttributes\":{\"a\":1}"));
  }

  @Test
  void givenAProtobufOriginal_whenExported_thenItIsTemporalsCanonicalJson() {
    HistoryEvent event = translated(history(started(1), FAILED_CAMEL)).get(1);

    String json = TemporalOriginals.canonicalJson(event.header().original());

    assertTrue(
        json.startsWith(
            "{\"eventId\":\"2\",\"eventTime\":\"2024-08-14T03:51:00Z\","
                + "\"eventType\":\"EVENT_TYPE_ACTIVITY_TASK_FAILED\",\"taskId\":\"1048002\","),
        json);
    assertTrue(json.contains("\"retryState\":\"RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED\""), json);
  }
}
