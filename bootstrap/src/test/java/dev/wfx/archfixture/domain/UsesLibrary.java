package dev.wfx.archfixture.domain;

import org.junit.jupiter.api.Assertions;

/** Breaks purity: the domain uses a library. */
public class UsesLibrary {
  public void check(boolean value) {
    Assertions.assertTrue(value);
  }
}
