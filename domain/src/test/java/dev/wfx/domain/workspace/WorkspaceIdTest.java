package dev.wfx.domain.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"default", "ws-a", "a.b", "...", ".hidden", "x..", "ws:1_2"})
  void givenAnIdOfTheAcceptedForm_whenParsed_thenItIsTaken(String text) {
    assertEquals(Optional.of(new WorkspaceId(text)), WorkspaceId.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a b", "ws/a", "ws%2Fa"})
  void givenAnIdOutsideTheForm_whenParsed_thenItIsRefused(String text) {
    assertTrue(WorkspaceId.parse(text).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> WorkspaceId.of(text));
  }
}
