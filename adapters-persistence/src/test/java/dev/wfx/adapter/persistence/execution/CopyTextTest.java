package dev.wfx.adapter.persistence.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CopyTextTest {

  private static String field(String value) {
    return CopyText.field(new StringBuilder(), value).toString();
  }

  @Test
  void givenTextWithoutDelimiters_whenWritten_thenItIsCopiedAsIs() {
    assertEquals("{\"a\":\"b c\"}", field("{\"a\":\"b c\"}"));
  }

  @Test
  void givenDelimitersAnywhere_whenWritten_thenEachIsEscaped() {
    assertEquals("\\\\a\\tb\\nc\\rd\\\\", field("\\a\tb\nc\rd\\"));
  }

  @Test
  void givenNull_whenWritten_thenItIsCopysNull() {
    assertEquals("\\N", field(null));
  }
}
