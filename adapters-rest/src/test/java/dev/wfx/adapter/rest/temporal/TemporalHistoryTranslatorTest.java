package dev.wfx.adapter.rest.temporal;

import static dev.wfx.adapter.rest.testing.TemporalJson.base64;
import static dev.wfx.adapter.rest.testing.TemporalJson.event;
import static dev.wfx.adapter.rest.testing.TemporalJson.history;
import static dev.wfx.adapter.rest.testing.TemporalJson.jsonPayloads;
import static dev.wfx.adapter.rest.testing.TemporalJson.payloads;
import static dev.wfx.adapter.rest.testing.TemporalJson.started;
import static dev.wfx.adapter.rest.testing.TemporalJson.workflowTaskScheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.testing.TestData;
import dev.wfx.domain.history.EventId;
import dev.wfx.domain.history.Failure;
import dev.wfx.domain.history.HistoryEvent;
import dev.wfx.domain.history.HistoryEvent.ActivityClosed;
import dev.wfx.domain.history.HistoryEvent.ActivityScheduled;
import dev.wfx.domain.history.HistoryEvent.ActivityStarted;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowEvent;
import dev.wfx.domain.history.HistoryEvent.ChildWorkflowInitiated;
import dev.wfx.domain.history.HistoryEvent.Other;
import dev.wfx.domain.history.HistoryEvent.UpdateAccepted;
import dev.wfx.domain.history.HistoryEvent.UpdateCompleted;
import dev.wfx.domain.history.HistoryEvent.UpdateRejected;
import dev.wfx.domain.history.HistoryEvent.WorkflowClosed;
import dev.wfx.domain.history.HistoryEvent.WorkflowSignaled;
import dev.wfx.domain.history.HistoryEvent.WorkflowStarted;
import dev.wfx.domain.history.HistoryEvent.WorkflowTaskFailed;
import dev.wfx.domain.history.InteractionRequest;
import dev.wfx.domain.history.InteractionResponse;
import dev.wfx.domain.history.JsonText;
import dev.wfx.domain.history.KnownEventType;
import dev.wfx.domain.history.Payload;
import dev.wfx.domain.history.RunArgs;
import dev.wfx.domain.history.TimeoutSetting;
import dev.wfx.domain.history.TracecatTask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemporalHistoryTranslatorTest {

  private final TemporalHistoryTranslator translator = new TemporalHistoryTranslator(51_200);

  private List<HistoryEvent> translated(String body) {
    Translation translation = translator.translate(body);
    if (translation instanceof Translation.Invalid invalid) {
      throw new AssertionError("expected a translation, got: " + invalid.detail());
    }
    return ((Translation.Translated) translation).events();
  }

  private String invalid(String body) {
    return invalidTranslation(body).detail();
  }

  private Translation.Invalid invalidTranslation(String body) {
    return assertInstanceOf(Translation.Invalid.class, translator.translate(body));
  }

  private HistoryEvent single(String event) {
    List<HistoryEvent> events = translated(history(started(1), event));
    return events.get(1);
  }

  private Payload scheduledInput(String input) {
    return ((ActivityScheduled) single(activityScheduled(2, input))).input();
  }

  private static String activityScheduled(long id, String input) {
    return event(
        id,
        "ACTIVITY_TASK_SCHEDULED",
        "{\"activityId\":\"" + id + "\",\"activityType\":{\"name\":\"run_action_activity\"}"
            + (input == null ? "" : ",\"input\":" + input)
            + "}");
  }

  @Nested
  class RealHistories {

    @Test
    void givenEachSharedHistory_whenTranslated_thenEveryEventIsReadInOrder() {
      List<java.nio.file.Path> files = TestData.histories();
      assertEquals(3, files.size(), "testdata holds three sample histories");
      for (var file : files) {
        List<HistoryEvent> events =
            ((Translation.Translated)
                    translator.translate(
                        new ByteArrayInputStream(TestData.read(file).getBytes(StandardCharsets.UTF_8))))
                .events();
        for (int i = 0; i < events.size(); i++) {
          assertEquals(i + 1, events.get(i).id().value(), file + " event " + (i + 1));
        }
        assertInstanceOf(WorkflowStarted.class, events.getFirst());
        assertInstanceOf(WorkflowClosed.class, events.getLast());
      }
    }

    @Test
    void givenTheCancelHistoryInShortSpelling_whenTranslated_thenTypesAndAttributesAreRead() {
      List<HistoryEvent> events =
          translated(TestData.read(TestData.history("cancel_fake_progress_history.json")));

      assertEquals(16, events.size());
      WorkflowStarted started = assertInstanceOf(WorkflowStarted.class, events.get(0));
      assertEquals("cancelFakeProgress", started.workflowType());
      assertEquals("test", started.taskQueue());
      assertEquals("bc761765-7fca-4d3e-89ff-0fa49379dc7a", started.startRunId());
      assertEquals(Duration.ZERO, started.firstWorkflowTaskBackoff());
      assertEquals(Payload.ABSENT, started.input());
      assertEquals(Instant.parse("2022-07-06T00:33:05Z"), started.time());
      assertEquals(1_056_764, started.taskId());
      ActivityScheduled scheduled = assertInstanceOf(ActivityScheduled.class, events.get(4));
      assertEquals("fakeProgress", scheduled.activityType());
      assertEquals("1", scheduled.activityId());
      WorkflowSignaled signaled = assertInstanceOf(WorkflowSignaled.class, events.get(5));
      assertEquals("activityStarted", signaled.signalName());
      Other cancelRequested = assertInstanceOf(Other.class, events.get(9));
      assertEquals("ACTIVITY_TASK_CANCEL_REQUESTED", cancelRequested.type().name());
      assertEquals(
          "{\"scheduledEventId\":\"5\",\"workflowTaskCompletedEventId\":\"9\"}",
          cancelRequested.attributes().text());
      ActivityStarted activityStarted = assertInstanceOf(ActivityStarted.class, events.get(10));
      assertEquals(EventId.of(5), activityStarted.scheduledEventId());
      assertEquals(1, activityStarted.attempt());
      ActivityClosed canceled = assertInstanceOf(ActivityClosed.class, events.get(11));
      assertTrue(canceled.type().is(KnownEventType.ACTIVITY_TASK_CANCELED));
      WorkflowClosed completed = assertInstanceOf(WorkflowClosed.class, events.get(15));
      assertTrue(completed.type().is(KnownEventType.WORKFLOW_EXECUTION_COMPLETED));
      assertEquals(Payload.ABSENT, completed.result(), "binary/null with empty data");
    }

    @Test
    void givenTheUpdateHistoryInLongSpelling_whenTranslated_thenTheUpdateIsRead() {
      List<HistoryEvent> events =
          translated(
              TestData.read(
                  TestData.history("complete_update_after_workflow_returns_pre1488.json")));

      assertEquals(6, events.size());
      assertEquals(Instant.parse("2024-08-14T03:50:59.998228Z"), events.get(0).time());
      UpdateAccepted accepted = assertInstanceOf(UpdateAccepted.class, events.get(4));
      assertEquals("fb28b772-4538-45a4-99f0-550fae0b7668", accepted.updateId());
      assertEquals("doneUpdate", accepted.updateName());
      assertEquals(Payload.ABSENT, accepted.argument());
      assertNull(accepted.interaction());
      assertEquals(
          Payload.ABSENT, assertInstanceOf(WorkflowClosed.class, events.get(5)).result());
    }

    @Test
    void givenTheTimerHistory_whenTranslated_thenUnknownTypesAreKeptAsOther() {
      List<HistoryEvent> events =
          translated(TestData.read(TestData.history("lang_flags_replay_correctly_1_11_2.json")));

      assertEquals(13, events.size());
      Other timer = assertInstanceOf(Other.class, events.get(4));
      assertEquals("TIMER_STARTED", timer.type().name());
      assertEquals(
          "{\"timerId\":\"1\",\"startToFireTimeout\":\"10s\",\"workflowTaskCompletedEventId\":\"4\"}",
          timer.attributes().text());
      assertEquals("noopActivity", assertInstanceOf(ActivityScheduled.class, events.get(5)).activityType());
      assertInstanceOf(ActivityClosed.class, events.get(7));
      assertInstanceOf(Other.class, events.get(11));
    }
  }

  @Nested
  class Envelope {

    @Test
    void givenMoreEventsThanABatchMayHold_whenTranslated_thenItIsTooManyAndReadingStopsThere() {
      TemporalHistoryTranslator limited = new TemporalHistoryTranslator(2);
      // The third event is not even JSON: reading stopped before it.
      String body = "{\"events\":[" + started(1) + "," + workflowTaskScheduled(2) + ",{{{";

      assertEquals(new Translation.TooManyEvents(2), limited.translate(body));
      assertInstanceOf(
          Translation.Translated.class,
          limited.translate(history(started(1), workflowTaskScheduled(2))));
    }

    @Test
    void givenTemporalsHttpApiShape_whenTranslated_thenItsEventsAreRead() {
      List<HistoryEvent> events =
          translated("{\"history\":{\"events\":[" + started(1) + "]},\"nextPageToken\":null}");

      assertEquals(1, events.size());
    }

    @Test
    void givenIdsAsNumbersAndShortEventType_whenTranslated_thenTheyAreRead() {
      String body =
          history(
              started(1).replace("\"eventId\":\"1\"", "\"eventId\":1")
                  .replace("\"taskId\":\"1048001\"", "\"taskId\":1048001")
                  .replace("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", "WorkflowExecutionStarted"));

      HistoryEvent event = translated(body).getFirst();

      assertEquals(1, event.id().value());
      assertEquals(1_048_001, event.taskId());
      assertTrue(event.type().is(KnownEventType.WORKFLOW_EXECUTION_STARTED));
    }

    @Test
    void givenIdsWrittenAsWholeDecimals_whenTranslated_thenTheyAreReadAsIntegers() {
      String body =
          history(
              started(1).replace("\"eventId\":\"1\"", "\"eventId\":1.0")
                  .replace("\"taskId\":\"1048001\"", "\"taskId\":1.048001e6"));

      HistoryEvent event = translated(body).getFirst();

      assertEquals(1, event.id().value());
      assertEquals(1_048_001, event.taskId());
    }

    @Test
    void givenIdsThatAreFractionsOrBeyondALong_whenTranslated_thenTheFieldIsNamed() {
      assertEquals(
          "the event at index 0: eventId is not an integer within 64 bits",
          invalid(history(started(1).replace("\"eventId\":\"1\"", "\"eventId\":1.5"))));
      assertEquals(
          "event 1: taskId is not an integer within 64 bits",
          invalid(history(started(1).replace("\"taskId\":\"1048001\"", "\"taskId\":1e19"))));
    }

    @Test
    void givenAnEventWithoutTaskId_whenTranslated_thenItsTaskIdIs0() {
      String withoutTaskId = started(1).replace("\"taskId\":\"1048001\",", "");
      String nullTaskId = started(1).replace("\"taskId\":\"1048001\"", "\"taskId\":null");

      assertEquals(0, translated(history(withoutTaskId)).getFirst().taskId());
      assertEquals(0, translated(history(nullTaskId)).getFirst().taskId());
    }

    @Test
    void givenAnOffsetAndNanosecondTime_whenTranslated_thenItIsTheSameInstant() {
      String body =
          history(started(1).replace("2024-08-14T03:50:59.998228Z", "2024-08-14T05:50:59.123456789+02:00"));

      assertEquals(Instant.parse("2024-08-14T03:50:59.123456789Z"), translated(body).getFirst().time());
    }

    @Test
    void givenUtcTimesOfEveryPrecision_whenTranslated_thenTheyAreTheSameInstants() {
      for (String time :
          List.of(
              "2024-08-14T03:50:59Z",
              "2024-08-14T03:50:59.1Z",
              "2024-08-14T03:50:59.123456Z",
              "2024-08-14T03:50:59.123456789Z",
              "2024-02-29T23:59:59.000000001Z",
              "2024-08-14t03:50:59.5z")) {
        String body = history(started(1).replace("2024-08-14T03:50:59.998228Z", time));

        assertEquals(Instant.parse(time.toUpperCase()), translated(body).getFirst().time(), time);
      }
    }

    @Test
    void givenUtcTimesThatAreNoDates_whenTranslated_thenTheyAreRefused() {
      for (String time :
          List.of(
              "2023-02-29T00:00:00Z",
              "2024-08-14T24:00:00Z",
              "2024-08-14T03:60:00Z",
              "2024-08-14T23:59:60Z",
              "2024-08-14T03:50:59.1234567890Z",
              "2024-08-14T03:5a:59Z")) {
        String body = history(started(1).replace("2024-08-14T03:50:59.998228Z", time));

        assertEquals(
            "event 1: eventTime '" + time + "' is not an RFC 3339 timestamp", invalid(body), time);
      }
    }

    @Test
    void givenAnEmptyEventsArray_whenTranslated_thenTheBatchIsEmpty() {
      assertEquals(List.of(), translated("{\"events\":[]}"));
    }
  }

  @Nested
  class Payloads {

    @Test
    void givenJsonPlain_whenTranslated_thenTheDecodedTextIsKeptByteForByte() {
      String json = " {\"b\":1,\"a\":1.50,\"c\":1e3, \"d\":\"é\"} ";

      assertEquals(Payload.json(json), scheduledInput(jsonPayloads(json)));
    }

    @Test
    void givenJsonPlainThatIsNotJson_whenTranslated_thenItIsUnreadableWithItsSize() {
      assertEquals(
          new Payload.Unreadable("json/plain", 9), scheduledInput(payloads("json/plain", "{not json")));
      assertEquals(
          new Payload.Unreadable("json/plain", 5), scheduledInput(payloads("json/plain", "[1] 2")));
      // Found by the adversarial suite (jqwik seed 1542196889698021012): blank text was a 500.
      assertEquals(new Payload.Unreadable("json/plain", 3), scheduledInput(payloads("json/plain", " \n ")));
      assertEquals(new Payload.Unreadable("json/plain", 1), scheduledInput(payloads("json/plain", "\t")));
    }

    @Test
    void givenOtherEncodings_whenTranslated_thenTheyAreUnreadableWithTheirDecodedSize() {
      assertEquals(
          new Payload.Unreadable("json/protobuf", 4), scheduledInput(payloads("json/protobuf", "abcd")));
      assertEquals(
          new Payload.Unreadable("binary/encrypted", 3),
          scheduledInput(payloads("binary/encrypted", "xyz")));
    }

    @Test
    void givenBinaryNull_whenTranslated_thenAbsent() {
      assertEquals(Payload.ABSENT, scheduledInput(payloads("binary/null", "whatever")));
    }

    @Test
    void givenNoInputAnEmptyListOrEmptyData_whenTranslated_thenAbsent() {
      assertEquals(Payload.ABSENT, scheduledInput(null));
      assertEquals(Payload.ABSENT, scheduledInput("{\"payloads\":[]}"));
      assertEquals(Payload.ABSENT, scheduledInput("{}"));
      assertEquals(
          Payload.ABSENT,
          scheduledInput(
              "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + base64("json/plain") + "\"},\"data\":\"\"}]}"));
      assertEquals(
          Payload.ABSENT,
          scheduledInput("{\"payloads\":[{\"metadata\":{\"encoding\":\"" + base64("json/plain") + "\"}}]}"));
    }

    @Test
    void givenSeveralPayloads_whenTranslated_thenOnlyTheFirstCounts() {
      String two =
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + base64("json/plain") + "\"},\"data\":\""
              + base64("1") + "\"},{\"metadata\":{\"encoding\":\"" + base64("json/plain")
              + "\"},\"data\":\"" + base64("2") + "\"}]}";

      assertEquals(Payload.json("1"), scheduledInput(two));
    }

    @Test
    void givenUrlSafeBase64WithoutPadding_whenTranslated_thenItIsDecoded() {
      String data = base64("{\"k\":\"??>\"}").replace('+', '-').replace('/', '_').replace("=", "");
      String input =
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + base64("json/plain") + "\"},\"data\":\"" + data + "\"}]}";

      assertEquals(Payload.json("{\"k\":\"??>\"}"), scheduledInput(input));
    }

    @Test
    void givenBase64GarbageInData_whenTranslated_thenInvalidNamingEventAndField() {
      String input =
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + base64("json/plain") + "\"},\"data\":\"%%%\"}]}";

      assertEquals(
          "event 2: activityTaskScheduledEventAttributes.input.payloads[0].data is not valid base64",
          invalid(history(started(1), activityScheduled(2, input))));
    }
  }

  @Nested
  class TracecatFacts {

    private static final String RUN_ACTION_INPUT =
        "{\"task\":{\"ref\":\"call_api\",\"description\":\"Calls it\",\"action\":\"core.http_request\","
            + "\"args\":{},\"retry_policy\":{\"max_attempts\":3,\"timeout\":60,\"retry_until\":\"done\"},"
            + "\"start_delay\":5,\"join_strategy\":\"any\",\"interaction\":{\"type\":\"approval\"}},"
            + "\"exec_context\":{},\"run_context\":{},"
            + "\"interaction_context\":{\"interaction_id\":\"int-1\",\"execution_id\":\"x\",\"action_ref\":\"ask\"}}";

    @Test
    void givenARunActionInput_whenTranslated_thenTheTaskIsRead() {
      ActivityScheduled scheduled =
          (ActivityScheduled) single(activityScheduled(2, jsonPayloads(RUN_ACTION_INPUT)));

      assertEquals(
          new TracecatTask("core.http_request", "call_api", "Calls it", 3L, 60L, "done", 5.0, "any"),
          scheduled.task());
      assertEquals(new InteractionRequest("int-1", "ask", "call_api", "approval"), scheduled.interaction());
    }

    @Test
    void givenRetryFieldsOfOtherTypes_whenTranslated_thenEachCountsAsAbsent() {
      String input =
          "{\"task\":{\"action\":\"core.transform\",\"ref\":7,\"retry_policy\":{\"max_attempts\":2.5,"
              + "\"timeout\":\"60\",\"retry_until\":3},\"start_delay\":\"5\",\"join_strategy\":null}}";

      ActivityScheduled scheduled = (ActivityScheduled) single(activityScheduled(2, jsonPayloads(input)));

      assertEquals(TracecatTask.of("core.transform", null), scheduled.task());
      assertNull(scheduled.interaction());
    }

    @Test
    void givenRetryNumbersInAnyWholeSpelling_whenTranslated_thenEachIsThatInteger() {
      for (String number : List.of("45", "45.0", "4.5e1", "450e-1", "0.45E+2", "45.000")) {
        String input =
            "{\"task\":{\"action\":\"core.transform\",\"retry_policy\":{\"max_attempts\":"
                + number + ",\"timeout\":" + number + "}}}";

        ActivityScheduled scheduled = (ActivityScheduled) single(activityScheduled(2, jsonPayloads(input)));

        assertEquals(
            new TracecatTask("core.transform", null, null, 45L, 45L, null, null, null),
            scheduled.task(),
            number);
      }
    }

    @Test
    void givenRetryNumbersThatAreNoNonNegativeWholeLong_whenTranslated_thenEachCountsAsAbsent() {
      for (String number : List.of("45.5", "4.55e1", "-3", "-3.0", "1e19", "1e400", "1e-400", "\"45\"")) {
        String input =
            "{\"task\":{\"action\":\"core.transform\",\"retry_policy\":{\"max_attempts\":"
                + number + ",\"timeout\":" + number + "}}}";

        ActivityScheduled scheduled = (ActivityScheduled) single(activityScheduled(2, jsonPayloads(input)));

        assertEquals(TracecatTask.of("core.transform", null), scheduled.task(), number);
      }
    }

    @Test
    void givenATaskWithoutStringAction_whenTranslated_thenThereIsNoTask() {
      ActivityScheduled scheduled =
          (ActivityScheduled)
              single(activityScheduled(2, jsonPayloads("{\"task\":{\"action\":1,\"ref\":\"a\"}}")));

      assertNull(scheduled.task());
    }

    @Test
    void givenDslRunArgs_whenStarted_thenRoleAndTimeoutsAreRead() {
      String input =
          "{\"role\":{\"type\":\"service\",\"workspace_id\":\"ws\",\"access_level\":0,\"extra\":1.50},"
              + "\"runtime_config\":{\"timeout\":\"PT5M\"},\"timeout\":300}";

      WorkflowStarted started = (WorkflowStarted) translated(history(started(1, jsonPayloads(input)))).getFirst();

      assertEquals(
          new RunArgs(
              JsonText.of("{\"type\":\"service\",\"workspace_id\":\"ws\",\"access_level\":0,\"extra\":1.50}"),
              new TimeoutSetting.Text("PT5M"),
              new TimeoutSetting.Seconds(300)),
          started.runArgs());
      assertEquals(Duration.ofSeconds(300), started.workflowExecutionTimeout());
    }

    @Test
    void givenARoleThatIsNotAnObject_whenStarted_thenThereAreNoRunArgs() {
      WorkflowStarted started =
          (WorkflowStarted)
              translated(history(started(1, jsonPayloads("{\"role\":\"admin\",\"timeout\":5}")))).getFirst();

      assertNull(started.runArgs());
    }

    @Test
    void givenTimeoutsOfOtherTypes_whenStarted_thenTheyAreUnreadableOrAbsent() {
      WorkflowStarted started =
          (WorkflowStarted)
              translated(
                      history(
                          started(
                              1,
                              jsonPayloads(
                                  "{\"role\":{\"type\":\"user\"},\"runtime_config\":{\"timeout\":null},\"timeout\":true}"))))
                  .getFirst();

      assertEquals(new RunArgs(JsonText.of("{\"type\":\"user\"}"), null, new TimeoutSetting.Unreadable()), started.runArgs());
    }

    @Test
    void givenAChildDslWorkflow_whenInitiated_thenDslTextsAndRunArgsAreRead() {
      String input = "{\"role\":{\"type\":\"service\"},\"dsl\":{\"title\":\"Child\",\"description\":\"Does it\"}}";
      String initiated =
          event(
              2,
              "START_CHILD_WORKFLOW_EXECUTION_INITIATED",
              "{\"workflowId\":\"wf_1/exec_2\",\"workflowType\":{\"name\":\"DSLWorkflow\"},\"input\":"
                  + jsonPayloads(input) + "}");

      ChildWorkflowInitiated child = (ChildWorkflowInitiated) single(initiated);

      assertEquals("wf_1/exec_2", child.workflowId());
      assertEquals("Child", child.dslTitle());
      assertEquals("Does it", child.dslDescription());
      assertEquals(JsonText.of("{\"type\":\"service\"}"), child.runArgs().role());
    }

    @Test
    void givenAnInteractionInput_whenSignaled_thenTheResponseIsRead() {
      String input = "{\"interaction_id\":\"int-1\",\"execution_id\":null,\"action_ref\":\"ask\",\"data\":{\"ok\":1.0}}";
      String signaled =
          event(2, "WORKFLOW_EXECUTION_SIGNALED", "{\"signalName\":\"interaction\",\"input\":" + jsonPayloads(input) + "}");

      WorkflowSignaled event = (WorkflowSignaled) single(signaled);

      assertEquals(new InteractionResponse("int-1", JsonText.of("{\"ok\":1.0}")), event.interaction());
      assertEquals(Payload.json(input), event.input());
    }

    @Test
    void givenAnInputWithoutActionRef_whenSignaled_thenItIsNoInteraction() {
      String input = "{\"interaction_id\":\"int-1\",\"execution_id\":null,\"data\":{}}";
      String signaled =
          event(2, "WORKFLOW_EXECUTION_SIGNALED", "{\"signalName\":\"s\",\"input\":" + jsonPayloads(input) + "}");

      assertNull(((WorkflowSignaled) single(signaled)).interaction());
    }

    @Test
    void givenAnAcceptedUpdateWithAnInteractionArgument_whenTranslated_thenNameIdAndInteractionAreRead() {
      String argument = "{\"interaction_id\":\"int-9\",\"execution_id\":\"e\",\"action_ref\":\"a\",\"data\":{}}";
      String accepted =
          event(
              2,
              "WORKFLOW_EXECUTION_UPDATE_ACCEPTED",
              "{\"protocolInstanceId\":\"p-1\",\"acceptedRequest\":{\"input\":{\"name\":\"respond\",\"args\":"
                  + jsonPayloads(argument) + "}}}");

      UpdateAccepted update = (UpdateAccepted) single(accepted);

      assertEquals("p-1", update.updateId());
      assertEquals("respond", update.updateName());
      assertEquals(Payload.json(argument), update.argument());
      assertEquals("int-9", update.interaction().interactionId());
    }
  }

  @Nested
  class Kinds {

    @Test
    void givenAFailedActivity_whenTranslated_thenMessageAndRawCauseAreKept() {
      String failed =
          event(
              2,
              "ACTIVITY_TASK_FAILED",
              "{\"scheduledEventId\":\"1\",\"failure\":{\"message\":\"boom\",\"cause\":{\"message\":\"inner\",\"n\":1.50,\"e\":1e3}}}");

      ActivityClosed closed = (ActivityClosed) single(failed);

      assertEquals(
          new Failure("boom", JsonText.of("{\"message\":\"inner\",\"n\":1.50,\"e\":1e3}")), closed.failure());
      assertEquals(Payload.ABSENT, closed.result());
    }

    @Test
    void givenAFailureWithoutMessageOrCause_whenTranslated_thenEmptyMessageAndObject() {
      String failed = event(2, "WORKFLOW_EXECUTION_FAILED", "{\"failure\":{}}");

      assertEquals(Failure.of(""), ((WorkflowClosed) single(failed)).failure());
    }

    @Test
    void givenAResetWorkflowTask_whenTranslated_thenCauseAndNewRunIdAreRead() {
      String reset =
          event(
              2,
              "WORKFLOW_TASK_FAILED",
              "{\"cause\":\"WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW\",\"newRunId\":\"run-2\"}");

      assertTrue(((WorkflowTaskFailed) single(reset)).isReset());
    }

    @Test
    void givenChildWorkflowEvents_whenTranslated_thenTheyPointToTheInitiatedEvent() {
      String completed =
          event(
              2,
              "CHILD_WORKFLOW_EXECUTION_COMPLETED",
              "{\"initiatedEventId\":\"7\",\"result\":" + jsonPayloads("[1]") + "}");

      ChildWorkflowEvent child = (ChildWorkflowEvent) single(completed);

      assertEquals(EventId.of(7), child.initiatedEventId());
      assertEquals(Payload.json("[1]"), child.result());
    }

    @Test
    void givenUpdateOutcomes_whenTranslated_thenSuccessFailureAndRejectionAreRead() {
      List<HistoryEvent> events =
          translated(
              history(
                  started(1),
                  event(
                      2,
                      "WORKFLOW_EXECUTION_UPDATE_COMPLETED",
                      "{\"meta\":{\"updateId\":\"u-1\"},\"acceptedEventId\":\"5\",\"outcome\":{\"success\":"
                          + jsonPayloads("\"yes\"") + "}}"),
                  event(
                      3,
                      "WORKFLOW_EXECUTION_UPDATE_COMPLETED",
                      "{\"meta\":{\"updateId\":\"u-2\"},\"outcome\":{\"failure\":{\"message\":\"no\"}}}"),
                  event(
                      4,
                      "WORKFLOW_EXECUTION_UPDATE_REJECTED",
                      "{\"rejectedRequest\":{\"meta\":{\"updateId\":\"u-3\"}},\"failure\":{\"message\":\"bad\"}}")));

      assertEquals(
          new UpdateCompleted(events.get(1).header(), EventId.of(5), "u-1", Payload.json("\"yes\""), null),
          events.get(1));
      UpdateCompleted failed = (UpdateCompleted) events.get(2);
      assertNull(failed.acceptedEventId());
      assertEquals(Failure.of("no"), failed.failure());
      assertEquals(Payload.ABSENT, failed.success());
      UpdateRejected rejected = (UpdateRejected) events.get(3);
      assertEquals("u-3", rejected.updateId());
      assertEquals(Failure.of("bad"), rejected.failure());
    }

    @Test
    void givenFractionalDurations_whenStarted_thenTheyAreRead() {
      String body = history(started(1).replace("\"firstWorkflowTaskBackoff\":\"0s\"", "\"firstWorkflowTaskBackoff\":\"0.5s\""));

      assertEquals(Duration.ofMillis(500), ((WorkflowStarted) translated(body).getFirst()).firstWorkflowTaskBackoff());
    }
  }

  @Nested
  class Errors {

    @Test
    void givenAMissingActivityTypeName_whenTranslated_thenTheEventAndFieldAreNamed() {
      String scheduled =
          event(7, "ACTIVITY_TASK_SCHEDULED", "{\"activityId\":\"1\",\"activityType\":{}}");

      assertEquals(
          "event 7: activityTaskScheduledEventAttributes.activityType.name is missing",
          invalid(history(started(1), scheduled)));
    }

    @Test
    void givenMissingAttributes_whenTranslated_thenTheAttributesAreNamed() {
      assertEquals(
          "event 3: activityTaskStartedEventAttributes is missing",
          invalid(history(started(1), "{\"eventId\":\"3\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"ActivityTaskStarted\"}")));
    }

    @Test
    void givenAMissingScheduledEventId_whenTranslated_thenItIsNamed() {
      assertEquals(
          "event 2: activityTaskCompletedEventAttributes.scheduledEventId is missing",
          invalid(history(started(1), event(2, "ACTIVITY_TASK_COMPLETED", "{}"))));
    }

    @Test
    void givenNoEventId_whenTranslated_thenTheIndexIsNamed() {
      assertEquals(
          "the event at index 1: eventId is missing",
          invalid(history(started(1), "{\"eventType\":\"WorkflowTaskStarted\"}")));
    }

    @Test
    void givenABadEventIdTypeOrTime_whenTranslated_thenEachIsNamed() {
      assertEquals(
          "the event at index 0: eventId is not an integer",
          invalid(history(started(1).replace("\"eventId\":\"1\"", "\"eventId\":\"one\""))));
      assertEquals(
          "event 1: eventType 'EVENT_TYPE_' is not a Temporal event type",
          invalid(history(started(1).replace("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", "EVENT_TYPE_"))));
      assertEquals(
          "event 1: eventTime 'yesterday' is not an RFC 3339 timestamp",
          invalid(history(started(1).replace("2024-08-14T03:50:59.998228Z", "yesterday"))));
      assertEquals(
          "event 1: workflowExecutionStartedEventAttributes.firstWorkflowTaskBackoff is not a duration like \"10s\" or \"0.5s\"",
          invalid(history(started(1).replace("\"firstWorkflowTaskBackoff\":\"0s\"", "\"firstWorkflowTaskBackoff\":\"soon\""))));
    }

    @Test
    void givenAStartWithoutRunIds_whenTranslated_thenItIsRefused() {
      String body = history(started(1).replace("\"originalExecutionRunId\"", "\"x\"").replace("\"firstExecutionRunId\"", "\"y\""));

      assertEquals(
          "event 1: workflowExecutionStartedEventAttributes.originalExecutionRunId is missing, and so is firstExecutionRunId: the run has no id",
          invalid(body));
    }

    @Test
    void givenMalformedJson_whenTranslated_thenTheEventIndexAndPlaceAreNamed() {
      String detail = invalid("{\"events\":[" + started(1) + ",{\"eventId\":\"2\",}]}");

      assertTrue(detail.startsWith("malformed JSON in the event at index 1: "), detail);
      assertTrue(detail.contains("line 1, column"), detail);
    }

    @Test
    void givenValuesTheDetailQuotes_whenTranslated_thenTheSummaryNamesTheFieldsWithoutThem() {
      Translation.Invalid type =
          invalidTranslation(
              history(started(1).replace("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", "s3cr3t type")));
      Translation.Invalid time =
          invalidTranslation(history(started(1).replace("2024-08-14T03:50:59.998228Z", "s3cr3t")));
      Translation.Invalid token = invalidTranslation("{\"events\":[{\"eventId\": s3cr3t}]}");
      Translation.Invalid trailing = invalidTranslation("{\"events\":[]} s3cr3t");

      assertEquals("event 1: eventType is not a Temporal event type", type.summary());
      assertEquals("event 1: eventTime is not an RFC 3339 timestamp", time.summary());
      assertEquals("malformed JSON in the event at index 0 at line 1, column 24", token.summary());
      assertTrue(token.detail().contains("s3cr3t"), token.detail());
      assertEquals("malformed JSON at line 1, column 15", trailing.summary());
      assertTrue(trailing.detail().contains("s3cr3t"), trailing.detail());
    }

    @Test
    void givenAComplaintQuotingNothing_whenTranslated_thenTheSummaryIsTheDetail() {
      Translation.Invalid missing = invalidTranslation(history(started(1), "{\"eventType\":\"X\"}"));

      assertEquals("the event at index 1: eventId is missing", missing.summary());
      assertEquals(missing.detail(), missing.summary());
    }

    @Test
    void givenABodyThatFailsToArrive_whenTranslated_thenItIsUnreadableNotMalformed() {
      InputStream failing =
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw new IOException("the client sent no body data for too long");
            }
          };

      assertEquals(
          new Translation.Unreadable("the client sent no body data for too long"),
          translator.translate(failing));
    }

    @Test
    void givenABodyOfAnotherShape_whenTranslated_thenTheExpectedShapeIsNamed() {
      assertTrue(invalid("[]").contains("{\"events\": [...]}"));
      assertTrue(invalid("{\"history\":{}}").startsWith("the body has no events array"));
      assertEquals("the event at index 0 is not a JSON object", invalid("{\"events\":[1]}"));
      assertTrue(invalid("{\"events\":[]} {}").startsWith("malformed JSON"));
    }
  }

  @Nested
  class Fingerprints {

    private static final String LONG_FORM =
        "{\"eventId\":\"2\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"EVENT_TYPE_ACTIVITY_TASK_STARTED\","
            + "\"taskId\":\"9\",\"activityTaskStartedEventAttributes\":{\"scheduledEventId\":\"1\",\"attempt\":1}}";
    private static final String SHORT_FORM =
        "{\"eventId\":2,\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"ActivityTaskStarted\","
            + "\"taskId\":9,\"activityTaskStartedEventAttributes\":{\"scheduledEventId\":\"1\",\"attempt\":1}}";

    @Test
    void givenTheSameEventInTheOtherSpelling_whenTranslated_thenTheFingerprintIsTheSame() {
      assertEquals(single(LONG_FORM).header().fingerprint(), single(SHORT_FORM).header().fingerprint());
    }

    @Test
    void givenAChangedEvent_whenTranslated_thenTheFingerprintDiffers() {
      String changed = LONG_FORM.replace("\"attempt\":1", "\"attempt\":2");

      assertNotEquals(single(LONG_FORM).header().fingerprint(), single(changed).header().fingerprint());
    }

    @Test
    void givenStringsOutsideAscii_whenTranslated_thenTheFingerprintDigestsTheCanonicalTextInUtf8() {
      // Stored fingerprints were digested from this text's String.getBytes(UTF_8): an emoji as four
      // bytes, a lone surrogate as '?', escapes as the compact writer spells them. A long string
      // makes the writer hand the text over in several pieces, an emoji across their seams.
      String strings =
          "\"note\":\"caf\u00e9 \\ud83d\\ude00 \\ud800 tab\\t \u2028 "
              + "\uD83D\uDE00".repeat(5000)
              + "\",\"n\":1e3";
      String event = LONG_FORM.replace("\"attempt\":1", "\"attempt\":1," + strings);
      String canonical =
          "{\"eventId\":2,\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"ACTIVITY_TASK_STARTED\","
              + "\"taskId\":9,\"activityTaskStartedEventAttributes\":{\"scheduledEventId\":\"1\",\"attempt\":1,"
              + "\"note\":\"caf\u00e9 \uD83D\uDE00 \uD800 tab\\t \u2028 "
              + "\uD83D\uDE00".repeat(5000)
              + "\",\"n\":1e3}}";

      assertEquals(sha256Hex(canonical), single(event).header().fingerprint().value());
    }

    private static String sha256Hex(String text) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }

    @Test
    void givenTheFingerprint_whenRead_thenItIsSha256Hex() {
      assertTrue(single(LONG_FORM).header().fingerprint().value().matches("[0-9a-f]{64}"));
    }
  }

  @Nested
  class Size {

    @Test
    void givenAHundredThousandTinyEvents_whenTranslated_thenAllAreRead() {
      String events =
          LongStream.rangeClosed(2, 100_000)
              .mapToObj(
                  id ->
                      "{\"eventId\":" + id + ",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"TimerFired\","
                          + "\"timerFiredEventAttributes\":{}}")
              .collect(Collectors.joining(","));
      String body = "{\"events\":[" + started(1) + "," + events + "]}";

      List<HistoryEvent> translated =
          ((Translation.Translated)
                  new TemporalHistoryTranslator(100_000)
                      .translate(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
              .events();

      assertEquals(100_000, translated.size());
      assertEquals(100_000, translated.getLast().id().value());
    }

    @Test
    void givenATenMegabytePayload_whenTranslated_thenItIsKeptWhole() {
      String big = "[\"" + "x".repeat(10 * 1024 * 1024) + "\"]";
      String body = history(started(1), activityScheduled(2, jsonPayloads(big)));

      Payload input =
          ((ActivityScheduled)
                  ((Translation.Translated)
                          translator.translate(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                      .events()
                      .get(1))
              .input();

      assertEquals(Payload.json(big), input);
    }
  }

  /**
   * Times the service keeps must fit the document's four-digit years and PostgreSQL's timestamps,
   * and durations must mean something: each value out of range names its event and field.
   */
  @Nested
  class TimeRanges {

    private static final String TIME = "2024-08-14T03:50:59.998228Z";
    private static final String BACKOFF = "\"firstWorkflowTaskBackoff\":\"0s\"";
    private static final String TIMEOUT = "\"workflowExecutionTimeout\":\"300s\"";

    private String startedAt(String time) {
      return history(started(1).replace(TIME, time));
    }

    private String startedWith(String field, String duration) {
      String template = field.equals("firstWorkflowTaskBackoff") ? BACKOFF : TIMEOUT;
      return history(started(1).replace(template, "\"" + field + "\":\"" + duration + "\""));
    }

    @Test
    void givenEventTimesOutsideTheYears0001To9999_whenTranslated_thenEachIsRefused() {
      for (String time :
          List.of(
              "0000-12-31T23:59:59.999999999Z",
              "0001-01-01T00:00:00+00:01",
              "-0001-01-01T00:00:00Z",
              "-999999999-01-01T00:00:00+18:00",
              "9999-12-31T23:59:59-00:01",
              "+10000-01-01T00:00:00Z",
              "+999999999-12-31T23:59:59.999999999-18:00")) {
        Translation.Invalid invalid = invalidTranslation(startedAt(time));

        assertEquals(
            "event 1: eventTime '" + time + "' is not between 0001-01-01 and 9999-12-31 (UTC)",
            invalid.detail(),
            time);
        assertEquals(
            "event 1: eventTime is not between 0001-01-01 and 9999-12-31 (UTC)", invalid.summary());
      }
    }

    @Test
    void givenTheFirstAndLastInstantOfTheYears0001To9999_whenTranslated_thenTheyAreRead() {
      for (String time : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
        assertEquals(Instant.parse(time), translated(startedAt(time)).getFirst().time(), time);
      }
    }

    @Test
    void givenNegativeDurations_whenStarted_thenEachIsRefused() {
      for (String field : List.of("firstWorkflowTaskBackoff", "workflowExecutionTimeout")) {
        for (String duration : List.of("-1s", "-0.000000001s", "-9223372036854775808s")) {
          assertEquals(
              "event 1: workflowExecutionStartedEventAttributes." + field + " '" + duration + "' is negative",
              invalid(startedWith(field, duration)),
              field + " " + duration);
        }
      }
    }

    @Test
    void givenDurationsOver100Years_whenStarted_thenEachIsRefused() {
      for (String field : List.of("firstWorkflowTaskBackoff", "workflowExecutionTimeout")) {
        for (String duration :
            List.of("3155760000.000000001s", "3155760001s", "9223372036854775807s", "9999999999999999999s")) {
          assertEquals(
              "event 1: workflowExecutionStartedEventAttributes." + field + " '" + duration
                  + "' is longer than 100 years (3155760000s)",
              invalid(startedWith(field, duration)),
              field + " " + duration);
        }
      }
    }

    @Test
    void givenDurationsFromZeroTo100Years_whenStarted_thenTheyAreRead() {
      Map<String, Duration> durations =
          Map.of(
              "0s", Duration.ZERO,
              "-0s", Duration.ZERO,
              "0.000000001s", Duration.ofNanos(1),
              "3155760000s", Duration.ofSeconds(3_155_760_000L));
      durations.forEach(
          (duration, expected) -> {
            WorkflowStarted started =
                (WorkflowStarted) translated(startedWith("firstWorkflowTaskBackoff", duration)).getFirst();

            assertEquals(expected, started.firstWorkflowTaskBackoff(), duration);
          });
    }

    @Test
    void givenABackoffPuttingTheExecutionTimePast9999_whenStarted_thenItIsRefused() {
      String body =
          history(
              started(1)
                  .replace(TIME, "9999-12-31T00:00:00Z")
                  .replace(BACKOFF, "\"firstWorkflowTaskBackoff\":\"86400s\""));

      assertEquals(
          "event 1: workflowExecutionStartedEventAttributes.firstWorkflowTaskBackoff '86400s' puts the"
              + " execution time (eventTime plus this) after 9999-12-31",
          invalid(body));
    }

    @Test
    void givenABackoffEndingTheExecutionTimeOnTheLastInstantOf9999_whenStarted_thenItIsRead() {
      String body =
          history(
              started(1)
                  .replace(TIME, "9999-12-31T00:00:00Z")
                  .replace(BACKOFF, "\"firstWorkflowTaskBackoff\":\"86399.999999999s\""));

      WorkflowStarted started = (WorkflowStarted) translated(body).getFirst();

      assertEquals(
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          started.time().plus(started.firstWorkflowTaskBackoff()));
    }
  }
}
