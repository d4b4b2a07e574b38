package dev.wfx.domain.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

  @ParameterizedTest
  @CsvSource({
    "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, ACTIVITY_TASK_SCHEDULED",
    "ActivityTaskScheduled, ACTIVITY_TASK_SCHEDULED",
    "ACTIVITY_TASK_SCHEDULED, ACTIVITY_TASK_SCHEDULED",
    "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, WORKFLOW_EXECUTION_UPDATE_ACCEPTED",
    "WorkflowExecutionUpdateAccepted, WORKFLOW_EXECUTION_UPDATE_ACCEPTED",
    "StartChildWorkflowExecutionInitiated, START_CHILD_WORKFLOW_EXECUTION_INITIATED",
    "EVENT_TYPE_NEXUS_OPERATION_SCHEDULED, NEXUS_OPERATION_SCHEDULED",
    "NexusOperationScheduled, NEXUS_OPERATION_SCHEDULED"
  })
  void givenEitherSpelling_whenParsed_thenItIsTheCanonicalName(String spelling, String name) {
    assertEquals(Optional.of(new EventType(name)), EventType.parse(spelling));
  }

  @ParameterizedTest
  @EnumSource(KnownEventType.class)
  void givenEveryKnownType_whenBothSpellingsAreParsed_thenTheyAgree(KnownEventType known) {
    String camel =
        Arrays.stream(known.name().split("_"))
            .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
            .reduce("", String::concat);

    assertEquals(Optional.of(EventType.of(known)), EventType.parse("EVENT_TYPE_" + known.name()));
    assertEquals(Optional.of(EventType.of(known)), EventType.parse(camel));
    assertEquals(Optional.of(known), EventType.of(known).known());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "EVENT_TYPE_",
        "activityTaskScheduled",
        "Activity-Task",
        "EVENT_TYPE_lower",
        "X Y"
      })
  void givenSomethingElse_whenParsed_thenItIsEmpty(String spelling) {
    assertEquals(Optional.empty(), EventType.parse(spelling));
  }

  @Test
  void givenAnUnknownType_whenAskedWhatItIs_thenItIsNotKnown() {
    EventType timer = EventType.parse("TimerStarted").orElseThrow();

    assertEquals("TIMER_STARTED", timer.name());
    assertEquals(Optional.empty(), timer.known());
    assertFalse(timer.is(KnownEventType.ACTIVITY_TASK_SCHEDULED));
  }

  @Test
  void givenTheVisibleTypes_whenCounted_thenThereAreTheTwentyFourOfTheSpec() {
    assertEquals(
        24, Arrays.stream(KnownEventType.values()).filter(KnownEventType::isVisible).count());
    assertFalse(KnownEventType.WORKFLOW_TASK_FAILED.isVisible());
    assertTrue(KnownEventType.WORKFLOW_EXECUTION_UPDATE_COMPLETED.isVisible());
  }

  @Test
  void givenANameThatIsNotUpperSnakeCase_whenBuilt_thenItIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EventType("ActivityTaskScheduled"));
  }
}
