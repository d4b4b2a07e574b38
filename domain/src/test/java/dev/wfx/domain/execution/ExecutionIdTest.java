package dev.wfx.domain.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfx.domain.execution.ExecutionId.Form;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionIdTest {

  private static final String HEX = "4f2b0c1d2e3f405162738495a6b7c8e1";
  private static final String BASE62 = "0123456789abcdefABCDEF";
  private static final String SCHEDULE = "sch-" + HEX + "-2024-05-01T10:00:00Z";

  @ParameterizedTest
  @CsvSource({
    "wf-" + HEX + ":exec-9a0c4e_x-1, LEGACY_TRACECAT",
    "wf_" + BASE62 + "/exec_" + BASE62 + ", TRACECAT",
    "wf_" + BASE62 + "/" + SCHEDULE + ", SCHEDULED",
    "wf-" + HEX + ":" + SCHEDULE + ", SCHEDULED",
    "wf_" + BASE62 + "/sch-" + HEX + "-2024-05-01T10:00:00.123456+02:00, SCHEDULED",
    "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c, TEMPORAL",
    "order-42, TEMPORAL",
    "billing.run@eu:7/retry_2, TEMPORAL",
    "wf_tooShort/exec_x, TEMPORAL",
    "wf_tooShort:exec_x, TEMPORAL"
  })
  void givenAnAcceptedFormSpelledCanonically_whenParsed_thenItIsRecognisedAsSpelled(
      String text, Form form) {
    Optional<ExecutionId> id = ExecutionId.parse(text);

    assertEquals(Optional.of(new ExecutionId(text, form)), id);
    assertEquals(text, id.orElseThrow().toString());
  }

  @ParameterizedTest
  @CsvSource({
    "wf-" + HEX + "/exec-9a0c4e, wf-" + HEX + ":exec-9a0c4e",
    "wf_" + BASE62 + ":exec_" + BASE62 + ", wf_" + BASE62 + "/exec_" + BASE62,
    "wf_" + BASE62 + ":" + SCHEDULE + ", wf_" + BASE62 + "/" + SCHEDULE,
    "wf-" + HEX + "/" + SCHEDULE + ", wf-" + HEX + ":" + SCHEDULE
  })
  void givenATracecatIdWithTheOtherSeparator_whenParsed_thenItIsSpelledCanonically(
      String text, String canonical) {
    ExecutionId id = ExecutionId.parse(text).orElseThrow();

    assertEquals(canonical, id.value());
    assertEquals(ExecutionId.parse(canonical), Optional.of(id));
  }

  @Test
  void givenANonCanonicalSpelling_whenBuiltDirectly_thenItIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExecutionId("wf_" + BASE62 + ":exec_" + BASE62, Form.TRACECAT));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "-leading-dash",
        "_leading-underscore",
        "has space",
        "tab\there",
        "percent%2Fencoded",
        "ünïcode",
        "emoji-😀",
        "question?mark",
        "wf_" + BASE62 + "/exec_" + BASE62 + "#"
      })
  void givenAMalformedId_whenParsed_thenItIsEmpty(String text) {
    assertEquals(Optional.empty(), ExecutionId.parse(text));
  }

  @Test
  void givenTheLongestAllowedTemporalId_whenParsed_thenItIsAcceptedButOneMoreIsNot() {
    String longest = "a".repeat(255);

    assertEquals(Form.TEMPORAL, ExecutionId.parse(longest).orElseThrow().form());
    assertEquals(Optional.empty(), ExecutionId.parse(longest + "a"));
    assertEquals(Optional.empty(), ExecutionId.parse("a".repeat(600)));
  }

  @Test
  void givenAMalformedId_whenBuiltWithOf_thenTheMessageListsTheAcceptedForms() {
    var thrown = assertThrows(IllegalArgumentException.class, () -> ExecutionId.of("bad id"));

    assertEquals(
        "'bad id' is not an execution id; accepted: " + ExecutionId.ACCEPTED_FORMS,
        thrown.getMessage());
  }

  @Test
  void givenAFormThatDoesNotFitTheText_whenBuilt_thenItIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ExecutionId("order-42", Form.TRACECAT));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "wf_" + BASE62 + "/exec_" + BASE62 + ", wf_" + BASE62,
        "wf_" + BASE62 + ":exec_" + BASE62 + ", wf_" + BASE62,
        "wf-" + HEX + ":exec-1, wf-" + HEX,
        "wf-" + HEX + "/" + SCHEDULE + ", wf-" + HEX,
        "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c, null",
        "wf_" + BASE62 + ", null",
        "workflow/exec_1, null"
      })
  void givenAWorkflowId_whenItsTracecatPartIsAsked_thenItIsTheTextBeforeTheSeparator(
      String workflowId, String workflowPart) {
    assertEquals(Optional.ofNullable(workflowPart), ExecutionId.tracecatWorkflowPart(workflowId));
  }
}
